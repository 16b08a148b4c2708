package dev.switchboard.app;

import dev.switchboard.conversation.ChatLimits;
import dev.switchboard.identity.TokenSettings;
import dev.switchboard.jdbc.StorageSettings;
import dev.switchboard.routing.DepartmentChoice;
import dev.switchboard.routing.RoutingSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The whole, validated configuration of one Switchboard process. Built once by {@link ConfigLoader}
 * from environment variables and flags (see {@link Setting} for every key and its default), or
 * directly by tests.
 */
public record ServerConfig(Http http, Engine engine, Security security, Storage storage, Chat chat, boolean demo,
        RoutingSettings routing) {

    public ServerConfig {
        Objects.requireNonNull(http);
        Objects.requireNonNull(engine);
        Objects.requireNonNull(security);
        Objects.requireNonNull(storage);
        Objects.requireNonNull(chat);
        Objects.requireNonNull(routing);
    }

    /** With the default routing of the support desk ({@link RoutingSettings#defaults()}). */
    public ServerConfig(Http http, Engine engine, Security security, Storage storage, Chat chat, boolean demo) {
        this(http, engine, security, storage, chat, demo, RoutingSettings.defaults());
    }

    public ServerConfig withRouting(RoutingSettings newRouting) {
        return new ServerConfig(http, engine, security, storage, chat, demo, newRouting);
    }

    /** Listener and browser-facing settings. {@code corsOrigins} empty means same-origin only; "*" allows any. */
    public record Http(String host, int port, List<String> corsOrigins, int maxRequestBytes) {
        public Http {
            Objects.requireNonNull(host);
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, was " + port);
            corsOrigins = List.copyOf(corsOrigins);
            if (maxRequestBytes < 1024) throw new IllegalArgumentException("maxRequestBytes must be >= 1024");
        }
    }

    /** Engine.IO / Socket.IO transport settings, in the units their names say. */
    public record Engine(
            long pingIntervalMillis, long pingTimeoutMillis, int maxPayloadBytes, long connectTimeoutMillis,
            long upgradeTimeoutMillis) {
        public Engine {
            if (pingIntervalMillis <= 0 || pingTimeoutMillis <= 0 || connectTimeoutMillis <= 0
                    || upgradeTimeoutMillis <= 0) {
                throw new IllegalArgumentException("engine timers must be positive");
            }
            if (maxPayloadBytes < 1024) throw new IllegalArgumentException("maxPayloadBytes must be >= 1024");
        }

        public static Engine defaults() {
            return new Engine(25_000, 20_000, 1_000_000, 45_000, 10_000);
        }
    }

    /**
     * Token settings. {@code jwtSecret} signs and verifies HS256 access tokens (it is also what a host
     * application uses to mint tokens); {@code refreshSecret} signs refresh tokens; {@code jwksUrl},
     * when set, additionally admits RS256 tokens whose key it publishes.
     */
    public record Security(
            String jwtSecret, String refreshSecret, Duration accessTokenTtl, Duration refreshTokenTtl,
            String jwksUrl, String issuer) implements TokenSettings {
        public Security {
            requireSecret("JWT_SECRET", jwtSecret);
            requireSecret("REFRESH_TOKEN_SECRET", refreshSecret);
            if (jwtSecret.equals(refreshSecret)) {
                throw new IllegalArgumentException("JWT_SECRET and REFRESH_TOKEN_SECRET must differ");
            }
            requirePositive("ACCESS_TOKEN_TTL", accessTokenTtl);
            requirePositive("REFRESH_TOKEN_TTL", refreshTokenTtl);
        }

        /** Records print every component; a logged config must not leak the secrets. */
        @Override
        public String toString() {
            return "Security[jwtSecret=****, refreshSecret=****, accessTokenTtl=" + accessTokenTtl
                    + ", refreshTokenTtl=" + refreshTokenTtl + ", jwksUrl=" + jwksUrl + ", issuer=" + issuer + "]";
        }

        private static void requirePositive(String name, Duration ttl) {
            Objects.requireNonNull(ttl, name);
            if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException(name + " must be positive");
        }

        private static void requireSecret(String name, String secret) {
            if (secret == null || secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
                throw new IllegalArgumentException(name + " must be at least 32 bytes (HS256 needs a 256-bit key)");
            }
        }
    }

    /** Where data lives: {@code databaseUrl} empty means the embedded H2 database under {@code dataDir}. */
    public record Storage(Path dataDir, String databaseUrl, String databaseUser, String databasePassword, int poolSize)
            implements StorageSettings {
        public Storage {
            Objects.requireNonNull(dataDir);
            databaseUrl = databaseUrl == null ? "" : databaseUrl;
            if (poolSize < 1) throw new IllegalArgumentException("poolSize must be >= 1");
        }

        public boolean embedded() {
            return databaseUrl.isBlank();
        }

        /** Records print every component; a logged config must not leak the database password. */
        @Override
        public String toString() {
            return "Storage[dataDir=" + dataDir + ", databaseUrl=" + ConfigDescription.maskUrlPassword(databaseUrl)
                    + ", databaseUser=" + databaseUser + ", databasePassword=****, poolSize=" + poolSize + "]";
        }
    }

    /**
     * Limits of the chat model.
     *
     * @param maxAttachmentBytes largest uploaded file (uploads are REST bodies, so MAX_REQUEST_BYTES bounds them too)
     * @param attachmentTypes    media types an upload may have, lower case
     * @param departments        departments customers may choose (none: any, unlisted)
     */
    public record Chat(int maxMessageChars, int maxPageSize, int maxAttachmentBytes, List<String> attachmentTypes,
            List<DepartmentChoice> departments) implements ChatLimits {
        public static final int DEFAULT_MAX_ATTACHMENT_BYTES = 1_000_000;
        public static final List<String> DEFAULT_ATTACHMENT_TYPES = List.of("image/png", "image/jpeg", "image/gif",
                "image/webp", "application/pdf", "text/plain");

        public Chat {
            if (maxMessageChars < 1 || maxPageSize < 1) throw new IllegalArgumentException("chat limits must be positive");
            if (maxAttachmentBytes < 1) throw new IllegalArgumentException("maxAttachmentBytes must be positive");
            attachmentTypes = List.copyOf(attachmentTypes);
            departments = List.copyOf(departments);
        }

        public Chat(int maxMessageChars, int maxPageSize, int maxAttachmentBytes, List<String> attachmentTypes) {
            this(maxMessageChars, maxPageSize, maxAttachmentBytes, attachmentTypes, List.of());
        }

        public Chat(int maxMessageChars, int maxPageSize) {
            this(maxMessageChars, maxPageSize, DEFAULT_MAX_ATTACHMENT_BYTES, DEFAULT_ATTACHMENT_TYPES);
        }

        public static Chat defaults() {
            return new Chat(10_000, 200);
        }
    }
}
