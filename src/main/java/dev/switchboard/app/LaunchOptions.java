package dev.switchboard.app;

import java.util.Map;
import java.util.Objects;

/**
 * What the command line asks {@code Main} to do: run the server with {@code config}, run the
 * conformance fixture, or only print help ({@code help} true; then {@code config} is {@code null},
 * because building it could generate and store secrets as a side effect of asking for help).
 *
 * @param sources where each setting's value came from, by environment variable name, e.g.
 *     {@code "env"}, {@code "env ACCESS_TOKEN_SECRET"}, {@code "flag --port"}, {@code "default"}
 *     or {@code "generated, stored in data/secrets.properties"}; used by {@link ConfigLoader#describe(LaunchOptions)}
 */
public record LaunchOptions(ServerConfig config, boolean conformanceFixture, boolean help, Map<String, String> sources) {
    public LaunchOptions {
        if (config == null && !help) throw new IllegalArgumentException("config is required unless help is requested");
        sources = Map.copyOf(sources);
    }
}
