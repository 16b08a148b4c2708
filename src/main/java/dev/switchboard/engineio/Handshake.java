package dev.switchboard.engineio;

import io.netty.handler.codec.http.HttpHeaders;
import java.net.SocketAddress;
import java.util.Map;

/** What the client sent when it opened the session: query parameters, headers and its address. */
public record Handshake(Map<String, String> query, HttpHeaders headers, SocketAddress remoteAddress) {
    public Handshake {
        query = Map.copyOf(query);
    }
}
