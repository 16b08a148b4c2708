package dev.switchboard.app;

import static dev.switchboard.app.Setting.ACCESS_TOKEN_TTL;
import static dev.switchboard.app.Setting.ATTACHMENT_MAX_BYTES;
import static dev.switchboard.app.Setting.ATTACHMENT_TYPES;
import static dev.switchboard.app.Setting.CONNECT_TIMEOUT_MS;
import static dev.switchboard.app.Setting.CORS_ORIGIN;
import static dev.switchboard.app.Setting.DATABASE_PASSWORD;
import static dev.switchboard.app.Setting.DATABASE_URL;
import static dev.switchboard.app.Setting.DATABASE_USER;
import static dev.switchboard.app.Setting.DATA_DIR;
import static dev.switchboard.app.Setting.DB_POOL_SIZE;
import static dev.switchboard.app.Setting.DEMO;
import static dev.switchboard.app.Setting.FRONTEND_URL;
import static dev.switchboard.app.Setting.HOST;
import static dev.switchboard.app.Setting.JWKS_URL;
import static dev.switchboard.app.Setting.JWT_ISSUER;
import static dev.switchboard.app.Setting.JWT_SECRET;
import static dev.switchboard.app.Setting.MAX_MESSAGE_CHARS;
import static dev.switchboard.app.Setting.MAX_PAGE_SIZE;
import static dev.switchboard.app.Setting.MAX_PAYLOAD_BYTES;
import static dev.switchboard.app.Setting.MAX_REQUEST_BYTES;
import static dev.switchboard.app.Setting.PING_INTERVAL_MS;
import static dev.switchboard.app.Setting.PING_TIMEOUT_MS;
import static dev.switchboard.app.Setting.PORT;
import static dev.switchboard.app.Setting.REFRESH_TOKEN_SECRET;
import static dev.switchboard.app.Setting.REFRESH_TOKEN_TTL;
import static dev.switchboard.app.Setting.UPGRADE_TIMEOUT_MS;

import dev.switchboard.app.ConfigException.Problem;
import dev.switchboard.routing.RoutingSettings;
import dev.switchboard.routing.Strategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link ServerConfig} from environment variables and command-line flags, the one place
 * where they are read. For each {@link Setting}: a flag wins over the environment variable, which
 * wins over the default; a blank variable counts as unset (compose files often export empty ones).
 * Every problem is collected and reported together in one {@link ConfigException}.
 *
 * <p>Unset token secrets are generated once and stored in {@code <DATA_DIR>/secrets.properties}
 * ({@link PersistedSecrets}), so issued tokens survive restarts without any built-in default key.
 */
public final class ConfigLoader {
    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);
    private static final String DEFAULT_SOURCE = "default";

    private final SecureRandom random;

    public ConfigLoader() {
        this(new SecureRandom());
    }

    /** @param random source of generated secrets */
    public ConfigLoader(SecureRandom random) {
        this.random = Objects.requireNonNull(random);
    }

    /**
     * Reads the configuration. With {@code --help} nothing else is read or written.
     *
     * @param env the environment, usually {@code System.getenv()}
     * @throws ConfigException listing every invalid setting and flag
     */
    public LaunchOptions load(Map<String, String> env, String[] args) {
        CommandLine cli = CommandLine.parse(args);
        if (cli.help()) return new LaunchOptions(null, cli.conformanceFixture(), true, Map.of());
        List<Problem> problems = new ArrayList<>(cli.problems());
        Values values = new Values();
        for (Setting<?> setting : Setting.ALL) resolve(setting, env, cli, values, problems);
        String jwt = values.get(JWT_SECRET);
        if (jwt != null && jwt.equals(values.get(REFRESH_TOKEN_SECRET))) {
            problems.add(new Problem(REFRESH_TOKEN_SECRET.env(), "must differ from JWT_SECRET"));
        }
        // Only touch the disk for a configuration that is otherwise sound.
        if (problems.isEmpty()) resolveMissingSecrets(values, problems);
        if (!problems.isEmpty()) throw new ConfigException(problems);
        try {
            return new LaunchOptions(build(values), cli.conformanceFixture(), false, values.sources);
        } catch (IllegalArgumentException e) {
            // The rules in Setting mirror the records' checks; reaching this means they drifted apart.
            throw new ConfigException(List.of(new Problem("config", e.getMessage())));
        }
    }

    /** The {@code --help} text, generated from {@link Setting#ALL}. */
    public static String helpText() {
        return SettingsDoc.helpText();
    }

    /** The effective configuration as {@code KEY=value} lines, secrets masked, for the start-up log. */
    public static List<String> describe(ServerConfig config) {
        return ConfigDescription.lines(config, Map.of());
    }

    /** Like {@link #describe(ServerConfig)}, and says where each secret came from: {@code ****(from env)}. */
    public static List<String> describe(LaunchOptions options) {
        return options.config() == null ? List.of() : ConfigDescription.lines(options.config(), options.sources());
    }

    private static <T> void resolve(
            Setting<T> setting, Map<String, String> env, CommandLine cli, Values values, List<Problem> problems) {
        String raw = cli.values().get(setting);
        String source = raw == null ? null : "flag " + setting.flag();
        if (raw == null) {
            for (String name : setting.envNames()) {
                String value = env.get(name);
                if (value == null || value.isBlank()) continue;
                if (raw == null) {
                    raw = value;
                    source = name.equals(setting.env()) ? "env" : "env " + name;
                } else if (!raw.strip().equals(value.strip())) {
                    problems.add(new Problem(setting.env(),
                            setting.env() + " and " + name + " are both set, to different values; set only one"));
                }
            }
        }
        if (raw == null) {
            values.put(setting, setting.defaultValue(), DEFAULT_SOURCE);
            return;
        }
        try {
            values.put(setting, setting.parse(raw), source);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(setting.env(), e.getMessage() + " (from " + source + ")"));
        }
    }

    private void resolveMissingSecrets(Values values, List<Problem> problems) {
        List<Setting<String>> missing = new ArrayList<>();
        for (Setting<String> secret : List.of(JWT_SECRET, REFRESH_TOKEN_SECRET)) {
            if (values.get(secret) == null) missing.add(secret);
        }
        if (missing.isEmpty()) return;
        PersistedSecrets store = new PersistedSecrets(values.get(DATA_DIR), random);
        Map<String, PersistedSecrets.Secret> secrets;
        try {
            secrets = store.resolve(missing.stream().map(Setting::env).toList());
        } catch (IOException | UncheckedIOException | SecurityException e) {
            problems.add(new Problem(DATA_DIR.env(), "cannot read or store generated secrets in " + store.file()
                    + " (" + e + "); set " + String.join(" and ", missing.stream().map(Setting::env).toList())
                    + " or make DATA_DIR writable"));
            return;
        }
        boolean demo = values.get(DEMO);
        for (Setting<String> setting : missing) {
            PersistedSecrets.Secret secret = secrets.get(setting.env());
            try {
                setting.parse(secret.value());
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(setting.env(), "the value stored in " + store.file() + " " + e.getMessage()));
                continue;
            }
            String source = (secret.generated() ? "generated, stored in " : "stored in ") + store.file();
            values.put(setting, secret.value(), source);
            if (secret.generated() && !demo) {
                log.warn("{} is not set: generated a random secret and stored it in {} (owner-only) so tokens"
                        + " survive restarts; set {} explicitly if a host application mints tokens",
                        setting.env(), store.file(), setting.env());
            } else {
                log.info("{} is not set: using the secret {}", setting.env(), source);
            }
        }
    }

    private static ServerConfig build(Values v) {
        Set<String> origins = new LinkedHashSet<>(v.get(FRONTEND_URL));
        origins.addAll(v.get(CORS_ORIGIN));
        return new ServerConfig(
                new ServerConfig.Http(v.get(HOST), v.get(PORT), List.copyOf(origins), v.get(MAX_REQUEST_BYTES)),
                new ServerConfig.Engine(v.get(PING_INTERVAL_MS), v.get(PING_TIMEOUT_MS), v.get(MAX_PAYLOAD_BYTES),
                        v.get(CONNECT_TIMEOUT_MS), v.get(UPGRADE_TIMEOUT_MS)),
                new ServerConfig.Security(v.get(JWT_SECRET), v.get(REFRESH_TOKEN_SECRET), v.get(ACCESS_TOKEN_TTL),
                        v.get(REFRESH_TOKEN_TTL), v.get(JWKS_URL), v.get(JWT_ISSUER)),
                new ServerConfig.Storage(v.get(DATA_DIR), v.get(DATABASE_URL), orEmpty(v.get(DATABASE_USER)),
                        orEmpty(v.get(DATABASE_PASSWORD)), v.get(DB_POOL_SIZE)),
                new ServerConfig.Chat(v.get(MAX_MESSAGE_CHARS), v.get(MAX_PAGE_SIZE), v.get(ATTACHMENT_MAX_BYTES),
                        v.get(ATTACHMENT_TYPES), v.get(Setting.DEPARTMENTS)),
                v.get(DEMO),
                new RoutingSettings(Strategy.fromWire(v.get(Setting.ROUTING_STRATEGY)), v.get(Setting.AGENT_MAX_CHATS),
                        v.get(Setting.OFFER_TIMEOUT), v.get(Setting.AGENT_OFFLINE_GRACE), v.get(Setting.AVERAGE_HANDLE_TIME),
                        v.get(Setting.QUEUE_MAX_WAIT)));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Parsed values by setting, typed through {@link #get}, and where each came from. */
    private static final class Values {
        private final Map<Setting<?>, Object> values = new HashMap<>();
        private final Map<String, String> sources = new HashMap<>();

        <T> void put(Setting<T> setting, T value, String source) {
            values.put(setting, value);
            sources.put(setting.env(), source);
        }

        @SuppressWarnings("unchecked") // put() only ever stores a T under a Setting<T>
        <T> T get(Setting<T> setting) {
            return (T) values.get(setting);
        }
    }
}
