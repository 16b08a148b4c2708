package dev.switchboard.engineio;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.ReadOnlyHttpHeaders;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the client sent when it opened the session: query parameters, the headers worth keeping
 * (see {@link #keptHeaders}) and its address. Kept for the session's whole life, so it stays small.
 */
public record Handshake(Map<String, String> query, HttpHeaders headers, SocketAddress remoteAddress) {
    private static final List<CharSequence> KEPT = List.of(HttpHeaderNames.AUTHORIZATION, HttpHeaderNames.ORIGIN,
            HttpHeaderNames.USER_AGENT, "x-forwarded-for", "x-real-ip");
    private static final HttpHeaders NO_HEADERS = new ReadOnlyHttpHeaders(false);
    // The query of nearly every session is EIO=4&transport=websocket (or polling): one shared copy
    // of those strings instead of four new ones per session.
    private static final Map<String, String> COMMON = Map.of("EIO", "EIO", "4", "4", "transport", "transport",
            "websocket", "websocket", "polling", "polling");

    public Handshake {
        Map<String, String> shared = new LinkedHashMap<>();
        query.forEach((k, v) -> shared.put(COMMON.getOrDefault(k, k), COMMON.getOrDefault(v, v)));
        query = Map.copyOf(shared);
    }

    /**
     * Authorization, Origin, User-Agent and the proxy's client address; not cookies or the rest.
     * Read-only and as small as Netty's headers get (one array of names and values).
     */
    static HttpHeaders keptHeaders(HttpHeaders request) {
        List<CharSequence> pairs = new ArrayList<>(4);
        for (CharSequence name : KEPT) {
            String value = request.get(name);
            if (value != null) {
                pairs.add(name);
                pairs.add(value);
            }
        }
        return pairs.isEmpty() ? NO_HEADERS : new ReadOnlyHttpHeaders(false, pairs.toArray(CharSequence[]::new));
    }
}
