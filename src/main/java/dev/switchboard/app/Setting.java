package dev.switchboard.app;

import dev.switchboard.routing.DepartmentChoice;
import dev.switchboard.routing.RoutingSettings;
import dev.switchboard.routing.Strategy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * One configuration setting, defined once: where it lands in {@link ServerConfig} ({@code key}),
 * the environment variable (plus aliases the seeds use) and flag that set it, its type, default,
 * validation rule and a one-line doc. {@link ConfigLoader} reads settings, {@link SettingsDoc} renders
 * help and the operations table from the same list, so they cannot drift apart.
 *
 * @param defaultValue {@code null} when there is none (optional settings, generated secrets)
 * @param secret whether the value is masked wherever configuration is shown
 * @param read where the effective value is found in a built {@link ServerConfig}; {@code null} for
 *     settings merged into another one (FRONTEND_URL into the CORS allow-list)
 */
public record Setting<T>(
        String key, String env, List<String> aliases, String flag, SettingType<T> type, T defaultValue, Rule<T> rule,
        boolean secret, String doc, Function<ServerConfig, T> read) {

    /** A validation rule: {@code requirement} completes "PORT must be ...". */
    public record Rule<T>(Predicate<? super T> test, String requirement) {
        static <T> Rule<T> none() {
            return new Rule<>(v -> true, "");
        }
    }

    public Setting {
        Objects.requireNonNull(key);
        Objects.requireNonNull(env);
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(flag);
        Objects.requireNonNull(type);
        Objects.requireNonNull(rule);
        if (doc == null || doc.isBlank()) throw new IllegalArgumentException(env + " needs a doc line");
    }

    // --- listener and browsers (seed 000: PORT, HOST, FRONTEND_URL; seed 003: CORS_ORIGIN) ---
    public static final Setting<Integer> PORT = define("http.port", "PORT", SettingType.INT, 5000,
            "TCP port for Socket.IO, REST and the web UI (0 picks a free port).", c -> c.http().port())
            .check(p -> p >= 0 && p <= 65535, "0..65535");
    public static final Setting<String> HOST = define("http.host", "HOST", SettingType.TEXT, "0.0.0.0",
            "Address to bind; 127.0.0.1 keeps the server local.", c -> c.http().host())
            .check(h -> !h.isBlank() && h.chars().noneMatch(Character::isWhitespace), "a host name or address");
    public static final Setting<List<String>> FRONTEND_URL = define("http.corsOrigins", "FRONTEND_URL",
            SettingType.ORIGINS, List.of(), "Origin of the seed-000 frontend; merged into the CORS allow-list.", null);
    public static final Setting<List<String>> CORS_ORIGIN = define("http.corsOrigins", "CORS_ORIGIN",
            SettingType.ORIGINS, List.of(),
            "Comma-separated origins allowed to call with credentials, or *; empty means same-origin only.",
            c -> c.http().corsOrigins());
    public static final Setting<Integer> MAX_REQUEST_BYTES = define("http.maxRequestBytes", "MAX_REQUEST_BYTES",
            SettingType.INT, 1_048_576, "Largest REST request body accepted.", c -> c.http().maxRequestBytes())
            .check(n -> n >= 1024, ">= 1024");

    // --- Engine.IO transport (defaults as in ServerConfig.Engine.defaults(), i.e. Socket.IO's own) ---
    public static final Setting<Long> PING_INTERVAL_MS = define("engine.pingIntervalMillis", "PING_INTERVAL_MS",
            SettingType.MILLIS, ServerConfig.Engine.defaults().pingIntervalMillis(),
            "Milliseconds between server pings; a session's first comes at a random point of the interval's second half,"
                    + " so that sessions opened together do not ping together.",
            c -> c.engine().pingIntervalMillis()).check(n -> n > 0, "> 0");
    public static final Setting<Long> PING_TIMEOUT_MS = define("engine.pingTimeoutMillis", "PING_TIMEOUT_MS",
            SettingType.MILLIS, ServerConfig.Engine.defaults().pingTimeoutMillis(),
            "Milliseconds to wait for a pong before dropping the session.", c -> c.engine().pingTimeoutMillis())
            .check(n -> n > 0, "> 0");
    public static final Setting<Integer> MAX_PAYLOAD_BYTES = define("engine.maxPayloadBytes", "MAX_PAYLOAD_BYTES",
            SettingType.INT, ServerConfig.Engine.defaults().maxPayloadBytes(),
            "Largest Engine.IO payload (maxHttpBufferSize).", c -> c.engine().maxPayloadBytes())
            .check(n -> n >= 1024, ">= 1024");
    public static final Setting<Long> CONNECT_TIMEOUT_MS = define("engine.connectTimeoutMillis", "CONNECT_TIMEOUT_MS",
            SettingType.MILLIS, ServerConfig.Engine.defaults().connectTimeoutMillis(),
            "Milliseconds a session may take to send its Socket.IO CONNECT.", c -> c.engine().connectTimeoutMillis())
            .check(n -> n > 0, "> 0");
    public static final Setting<Long> UPGRADE_TIMEOUT_MS = define("engine.upgradeTimeoutMillis", "UPGRADE_TIMEOUT_MS",
            SettingType.MILLIS, ServerConfig.Engine.defaults().upgradeTimeoutMillis(),
            "Milliseconds a polling-to-WebSocket upgrade may take.", c -> c.engine().upgradeTimeoutMillis())
            .check(n -> n > 0, "> 0");

    // --- tokens (seed 003 names the secrets ACCESS_TOKEN_SECRET and REFRESH_TOKEN_SECRET) ---
    public static final Setting<String> JWT_SECRET = define("security.jwtSecret", "JWT_SECRET", SettingType.TEXT, null,
            "HS256 secret for access tokens, shared with a host app that mints them; generated and stored in"
                    + " DATA_DIR/secrets.properties when unset.", c -> c.security().jwtSecret())
            .alias("ACCESS_TOKEN_SECRET").asSecret();
    public static final Setting<String> REFRESH_TOKEN_SECRET = define("security.refreshSecret", "REFRESH_TOKEN_SECRET",
            SettingType.TEXT, null,
            "HS256 secret for refresh tokens, different from JWT_SECRET; generated and stored like it when unset.",
            c -> c.security().refreshSecret()).asSecret();
    public static final Setting<Duration> ACCESS_TOKEN_TTL = define("security.accessTokenTtl", "ACCESS_TOKEN_TTL",
            SettingType.DURATION, Duration.ofMinutes(15), "Lifetime of issued access tokens.",
            c -> c.security().accessTokenTtl()).check(Setting::positive, "positive");
    public static final Setting<Duration> REFRESH_TOKEN_TTL = define("security.refreshTokenTtl", "REFRESH_TOKEN_TTL",
            SettingType.DURATION, Duration.ofDays(30), "Lifetime of issued refresh tokens.",
            c -> c.security().refreshTokenTtl()).check(Setting::positive, "positive");
    public static final Setting<String> JWKS_URL = define("security.jwksUrl", "JWKS_URL", SettingType.HTTP_URL, null,
            "When set, RS256 access tokens signed by a key published at this URL are accepted too.",
            c -> c.security().jwksUrl());
    public static final Setting<String> JWT_ISSUER = define("security.issuer", "JWT_ISSUER", SettingType.TEXT, null,
            "When set, issued tokens carry this iss and every token must carry it.", c -> c.security().issuer());

    // --- storage ---
    public static final Setting<Path> DATA_DIR = define("storage.dataDir", "DATA_DIR", SettingType.PATH,
            Path.of("./data"), "Directory for the embedded database, uploads and generated secrets.",
            c -> c.storage().dataDir());
    public static final Setting<String> DATABASE_URL = define("storage.databaseUrl", "DATABASE_URL",
            SettingType.JDBC_URL, null, "JDBC URL of PostgreSQL; unset means the embedded H2 database in DATA_DIR.",
            c -> c.storage().databaseUrl());
    public static final Setting<String> DATABASE_USER = define("storage.databaseUser", "DATABASE_USER",
            SettingType.TEXT, null, "Database user name.", c -> c.storage().databaseUser());
    public static final Setting<String> DATABASE_PASSWORD = define("storage.databasePassword", "DATABASE_PASSWORD",
            SettingType.TEXT, null, "Database password.", c -> c.storage().databasePassword()).asSecret();
    public static final Setting<Integer> DB_POOL_SIZE = define("storage.poolSize", "DB_POOL_SIZE", SettingType.INT, 10,
            "Maximum database connections (on the embedded database the message applier has one more of its own).",
            c -> c.storage().poolSize()).check(n -> n >= 1 && n <= 1000, "1..1000");

    // --- chat limits and mode ---
    public static final Setting<Integer> MAX_MESSAGE_CHARS = define("chat.maxMessageChars", "MAX_MESSAGE_CHARS",
            SettingType.INT, ServerConfig.Chat.defaults().maxMessageChars(), "Longest message text accepted.",
            c -> c.chat().maxMessageChars()).check(n -> n >= 1, ">= 1");
    public static final Setting<Integer> MAX_PAGE_SIZE = define("chat.maxPageSize", "MAX_PAGE_SIZE", SettingType.INT,
            ServerConfig.Chat.defaults().maxPageSize(), "Most messages or conversations returned in one page.",
            c -> c.chat().maxPageSize()).check(n -> n >= 1, ">= 1");
    public static final Setting<Integer> ATTACHMENT_MAX_BYTES = define("chat.maxAttachmentBytes",
            "ATTACHMENT_MAX_BYTES", SettingType.INT, ServerConfig.Chat.DEFAULT_MAX_ATTACHMENT_BYTES,
            "Largest file a message may carry (uploads are REST bodies: MAX_REQUEST_BYTES bounds them too).",
            c -> c.chat().maxAttachmentBytes()).check(n -> n >= 1, ">= 1");
    public static final Setting<List<String>> ATTACHMENT_TYPES = define("chat.attachmentTypes", "ATTACHMENT_TYPES",
            SettingType.MEDIA_TYPES, ServerConfig.Chat.DEFAULT_ATTACHMENT_TYPES,
            "Comma-separated media types an uploaded file may have; others are refused.",
            c -> c.chat().attachmentTypes()).check(l -> !l.isEmpty(), "at least one media type");
    public static final Setting<List<DepartmentChoice>> DEPARTMENTS = define("chat.departments", "DEPARTMENTS",
            SettingType.DEPARTMENTS, List.of(),
            "Departments customers may choose, id:Name comma-separated (billing:Billing,tech:Technical support);"
                    + " empty: any.", c -> c.chat().departments());
    public static final Setting<Boolean> DEMO = define("demo", "DEMO", SettingType.BOOLEAN, false,
            "Demo mode: sample accounts and data for trying Switchboard out; never for production.",
            ServerConfig::demo);

    // --- routing of the support desk (C5) ---
    public static final Setting<String> ROUTING_STRATEGY = define("routing.strategy", "ROUTING_STRATEGY",
            SettingType.TEXT, RoutingSettings.defaults().strategy().wire(),
            "How waiting customers reach agents: manual (agents pick), round_robin or least_busy.",
            c -> c.routing().strategy().wire()).check(Setting::strategy, "manual, round_robin or least_busy");
    public static final Setting<Integer> AGENT_MAX_CHATS = define("routing.defaultMaxChats", "AGENT_MAX_CHATS",
            SettingType.INT, RoutingSettings.defaults().defaultMaxChats(),
            "Concurrent chats an agent takes until they or an admin set their own limit.",
            c -> c.routing().defaultMaxChats()).check(n -> n >= 1 && n <= RoutingSettings.MAX_CHATS_LIMIT, "1..100");
    public static final Setting<Duration> OFFER_TIMEOUT = define("routing.offerTimeout", "OFFER_TIMEOUT",
            SettingType.DURATION, RoutingSettings.defaults().offerTimeout(),
            "Time an agent has to accept an automatic offer before it passes to the next; 0s assigns directly.",
            c -> c.routing().offerTimeout()).check(d -> !d.isNegative(), "not negative");
    public static final Setting<Duration> AGENT_OFFLINE_GRACE = define("routing.offlineGrace", "AGENT_OFFLINE_GRACE",
            SettingType.DURATION, RoutingSettings.defaults().offlineGrace(),
            "How long an agent without connections keeps availability and chats (reloads, flaky networks).",
            c -> c.routing().offlineGrace()).check(d -> !d.isNegative(), "not negative");
    public static final Setting<Duration> AVERAGE_HANDLE_TIME = define("routing.averageHandleTime",
            "AVERAGE_HANDLE_TIME", SettingType.DURATION, RoutingSettings.defaults().averageHandleTime(),
            "Expected length of one chat, for the wait estimates customers see.",
            c -> c.routing().averageHandleTime()).check(d -> !d.isNegative(), "not negative");
    public static final Setting<Duration> QUEUE_MAX_WAIT = define("routing.maxQueueWait", "QUEUE_MAX_WAIT",
            SettingType.DURATION, RoutingSettings.defaults().maxQueueWait(),
            "How long a customer may wait in the queue before the entry times out; 0s waits forever.",
            c -> c.routing().maxQueueWait()).check(d -> !d.isNegative(), "not negative");

    /** Every setting, in the order help and docs list them. */
    public static final List<Setting<?>> ALL = List.of(PORT, HOST, FRONTEND_URL, CORS_ORIGIN, MAX_REQUEST_BYTES,
            PING_INTERVAL_MS, PING_TIMEOUT_MS, MAX_PAYLOAD_BYTES, CONNECT_TIMEOUT_MS, UPGRADE_TIMEOUT_MS,
            JWT_SECRET, REFRESH_TOKEN_SECRET, ACCESS_TOKEN_TTL, REFRESH_TOKEN_TTL, JWKS_URL, JWT_ISSUER,
            DATA_DIR, DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD, DB_POOL_SIZE,
            MAX_MESSAGE_CHARS, MAX_PAGE_SIZE, ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, DEPARTMENTS, DEMO, ROUTING_STRATEGY,
            AGENT_MAX_CHATS, OFFER_TIMEOUT, AGENT_OFFLINE_GRACE, AVERAGE_HANDLE_TIME, QUEUE_MAX_WAIT);

    /** Parses and validates raw text; the message of the exception completes "ENV: ...". */
    public T parse(String raw) {
        T value = type.parse(raw);
        if (!rule.test().test(value)) {
            // A secret's value must not end up in a log line, even a wrong one.
            String was = secret ? "" : ", was " + type.format(value);
            throw new IllegalArgumentException("must be " + rule.requirement() + was);
        }
        return value;
    }

    /** Whether this is an on/off switch: a bare {@code --demo} flag means true. */
    public boolean isSwitch() {
        return type == SettingType.BOOLEAN;
    }

    /** The environment variable and its aliases, in order of precedence. */
    public List<String> envNames() {
        return Stream.concat(Stream.of(env), aliases.stream()).toList();
    }

    private static <T> Setting<T> define(
            String key, String env, SettingType<T> type, T defaultValue, String doc, Function<ServerConfig, T> read) {
        String flag = "--" + env.toLowerCase(Locale.ROOT).replace('_', '-');
        return new Setting<>(key, env, List.of(), flag, type, defaultValue, Rule.none(), false, doc, read);
    }

    private Setting<T> check(Predicate<? super T> test, String requirement) {
        return new Setting<>(key, env, aliases, flag, type, defaultValue, new Rule<>(test, requirement), secret, doc,
                read);
    }

    private Setting<T> alias(String alias) {
        List<String> all = Stream.concat(aliases.stream(), Stream.of(alias)).toList();
        return new Setting<>(key, env, all, flag, type, defaultValue, rule, secret, doc, read);
    }

    /** Secrets must fit HS256 (ServerConfig.Security checks this too; here it is reported with the key). */
    private Setting<T> asSecret() {
        Rule<T> secretRule = type == SettingType.TEXT && key.startsWith("security.")
                ? new Rule<>(v -> ((String) v).getBytes(StandardCharsets.UTF_8).length >= 32,
                        "at least 32 bytes (HS256 needs a 256-bit key)")
                : rule;
        return new Setting<>(key, env, aliases, flag, type, defaultValue, secretRule, true, doc, read);
    }

    private static boolean strategy(String name) {
        try {
            Strategy.fromWire(name);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }
}
