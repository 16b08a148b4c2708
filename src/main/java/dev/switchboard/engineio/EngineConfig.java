package dev.switchboard.engineio;

import java.util.Objects;

/**
 * Settings of one Engine.IO v4 endpoint. {@code path} is where it is mounted, with a trailing slash
 * ({@code /socket.io/}); the timers are those announced in the handshake.
 */
public record EngineConfig(
        String path, long pingIntervalMillis, long pingTimeoutMillis, int maxPayloadBytes, long upgradeTimeoutMillis) {

    public EngineConfig {
        Objects.requireNonNull(path);
        if (!path.startsWith("/") || !path.endsWith("/")) {
            throw new IllegalArgumentException("path must start and end with '/': " + path);
        }
        if (pingIntervalMillis <= 0 || pingTimeoutMillis <= 0 || upgradeTimeoutMillis <= 0) {
            throw new IllegalArgumentException("timers must be positive");
        }
        if (maxPayloadBytes < 16) throw new IllegalArgumentException("maxPayloadBytes too small");
    }
}
