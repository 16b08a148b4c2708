package dev.switchboard.engineio;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;

/**
 * What the client sent when it opened the session: query parameters, the headers worth keeping
 * (see {@link #keptHeaders}) and its address. Kept for the session's whole life, so it stays small.
 */
public record Handshake(Map<String, String> query, HttpHeaders headers, SocketAddress remoteAddress) {
    private static final List<CharSequence> KEPT = List.of(HttpHeaderNames.AUTHORIZATION, HttpHeaderNames.ORIGIN,
            HttpHeaderNames.USER_AGENT, "x-forwarded-for", "x-real-ip");

    public Handshake {
        query = Map.copyOf(query);
    }

    /** Authorization, Origin, User-Agent and the proxy's client address; not cookies or the rest. */
    static HttpHeaders keptHeaders(HttpHeaders request) {
        HttpHeaders kept = new DefaultHttpHeaders();
        for (CharSequence name : KEPT) {
            String value = request.get(name);
            if (value != null) kept.set(name, value);
        }
        return kept;
    }
}
