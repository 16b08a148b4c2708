package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.routing.RoutingSettings;
import dev.switchboard.routing.Strategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    static final String JWT = "jwt-secret-jwt-secret-jwt-secret-jwt";
    static final String REFRESH = "refresh-secret-refresh-secret-refresh";

    private final ConfigLoader loader = new ConfigLoader();

    /** An environment with both secrets set, so these tests never write a secrets file. */
    static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("JWT_SECRET", JWT, "REFRESH_TOKEN_SECRET", REFRESH));
        for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
        return env;
    }

    private ServerConfig load(Map<String, String> env, String... args) {
        return loader.load(env, args).config();
    }

    @Test
    void usesTheDocumentedDefaultsWhenOnlySecretsAreSet() {
        ServerConfig config = load(env());

        assertThat(config.http()).isEqualTo(new ServerConfig.Http("0.0.0.0", 5000, List.of(), 1_048_576));
        assertThat(config.engine()).isEqualTo(ServerConfig.Engine.defaults());
        assertThat(config.chat()).isEqualTo(ServerConfig.Chat.defaults());
        assertThat(config.security()).isEqualTo(new ServerConfig.Security(JWT, REFRESH, Duration.ofMinutes(15),
                Duration.ofDays(30), null, null));
        assertThat(config.storage()).isEqualTo(new ServerConfig.Storage(Path.of("./data"), "", "", "", 10));
        assertThat(config.storage().embedded()).isTrue();
        assertThat(config.demo()).isFalse();
    }

    @Test
    void readsEverySettingFromTheEnvironment() {
        ServerConfig config = load(env("PORT", "8080", "HOST", "127.0.0.1", "CORS_ORIGIN", "https://shop.example",
                "MAX_REQUEST_BYTES", "2048", "PING_INTERVAL_MS", "300", "PING_TIMEOUT_MS", "200",
                "MAX_PAYLOAD_BYTES", "4096", "CONNECT_TIMEOUT_MS", "1000", "UPGRADE_TIMEOUT_MS", "500",
                "ACCESS_TOKEN_TTL", "1h", "REFRESH_TOKEN_TTL", "7d", "JWKS_URL", "https://idp.example/jwks.json",
                "JWT_ISSUER", "https://chat.example", "DATA_DIR", "/var/lib/switchboard",
                "DATABASE_URL", "jdbc:postgresql://db:5432/sb", "DATABASE_USER", "sb", "DATABASE_PASSWORD", "pw",
                "DB_POOL_SIZE", "20", "MAX_MESSAGE_CHARS", "500", "MAX_PAGE_SIZE", "50", "DEMO", "true"));

        assertThat(config).isEqualTo(new ServerConfig(
                new ServerConfig.Http("127.0.0.1", 8080, List.of("https://shop.example"), 2048),
                new ServerConfig.Engine(300, 200, 4096, 1000, 500),
                new ServerConfig.Security(JWT, REFRESH, Duration.ofHours(1), Duration.ofDays(7),
                        "https://idp.example/jwks.json", "https://chat.example"),
                new ServerConfig.Storage(Path.of("/var/lib/switchboard"), "jdbc:postgresql://db:5432/sb", "sb", "pw", 20),
                new ServerConfig.Chat(500, 50),
                true));
        assertThat(config.storage().embedded()).isFalse();
    }

    @Test
    void flagsWinOverEnvironmentVariablesInBothSpellings() {
        ServerConfig config = load(env("PORT", "4000", "HOST", "0.0.0.0", "DB_POOL_SIZE", "3"),
                "--port", "6000", "--host=127.0.0.1");

        assertThat(config.http().port()).isEqualTo(6000);
        assertThat(config.http().host()).isEqualTo("127.0.0.1");
        assertThat(config.storage().poolSize()).isEqualTo(3);
    }

    @Test
    void letsTheLastOfARepeatedFlagWin() {
        assertThat(load(env(), "--port", "1", "--port=2").http().port()).isEqualTo(2);
    }

    @Test
    void treatsBareSwitchesAsTrueAndAcceptsExplicitValues() {
        assertThat(load(env(), "--demo").demo()).isTrue();
        assertThat(load(env("DEMO", "yes")).demo()).isTrue();
        assertThat(load(env("DEMO", "true"), "--demo=false").demo()).isFalse();
        assertThat(load(env("DEMO", "0")).demo()).isFalse();
    }

    @Test
    void treatsBlankEnvironmentVariablesAsUnset() {
        ServerConfig config = load(env("PORT", "", "HOST", "  ", "JWKS_URL", ""));

        assertThat(config.http().port()).isEqualTo(5000);
        assertThat(config.http().host()).isEqualTo("0.0.0.0");
        assertThat(config.security().jwksUrl()).isNull();
    }

    @Test
    void reportsTheConformanceFixtureFlag() {
        LaunchOptions options = loader.load(env(), new String[] {"--conformance-fixture", "--port", "3000"});

        assertThat(options.conformanceFixture()).isTrue();
        assertThat(options.help()).isFalse();
        assertThat(options.config().http().port()).isEqualTo(3000);
        assertThat(loader.load(env(), new String[0]).conformanceFixture()).isFalse();
    }

    @Test
    void answersHelpWithoutBuildingAConfiguration() {
        LaunchOptions options = loader.load(Map.of("PORT", "not-a-port"), new String[] {"--help", "--bogus"});

        assertThat(options.help()).isTrue();
        assertThat(options.config()).isNull();
        assertThat(loader.load(Map.of(), new String[] {"-h"}).help()).isTrue();
        assertThat(ConfigLoader.helpText()).contains("--port <int>").contains("--help");
    }

    @Test
    void mergesFrontendUrlAndCorsOriginIntoOneNormalisedAllowList() {
        ServerConfig config = load(env("FRONTEND_URL", "http://localhost:3000",
                "CORS_ORIGIN", "https://Shop.Example, http://localhost:3000/ ,*"));

        assertThat(config.http().corsOrigins()).containsExactly("http://localhost:3000", "https://shop.example", "*");
    }

    @Test
    void acceptsAccessTokenSecretAsTheSeed003NameOfJwtSecret() {
        Map<String, String> env = env("ACCESS_TOKEN_SECRET", "seed-003-access-secret-of-32-bytes!!");
        env.remove("JWT_SECRET");

        LaunchOptions options = loader.load(env, new String[0]);

        assertThat(options.config().security().jwtSecret()).isEqualTo("seed-003-access-secret-of-32-bytes!!");
        assertThat(options.sources()).containsEntry("JWT_SECRET", "env ACCESS_TOKEN_SECRET");
        assertThat(load(env("ACCESS_TOKEN_SECRET", JWT)).security().jwtSecret()).isEqualTo(JWT);
    }

    @Test
    void refusesJwtSecretAndAccessTokenSecretWithDifferentValues() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> load(env("ACCESS_TOKEN_SECRET", "another-secret-another-secret-another")));

        assertThat(e.keys()).containsExactly("JWT_SECRET");
        assertThat(e.getMessage()).contains("JWT_SECRET and ACCESS_TOKEN_SECRET are both set, to different values")
                .doesNotContain("another-secret");
    }

    @Test
    void collectsEveryProblemIntoOneException() {
        Map<String, String> env = env("PORT", "http", "PING_TIMEOUT_MS", "-5", "ACCESS_TOKEN_TTL", "15",
                "CORS_ORIGIN", "ftp://files.example", "JWKS_URL", "idp.example/jwks", "DB_POOL_SIZE", "0",
                "DATABASE_URL", "postgres://u:hunter2@db/sb", "JWT_SECRET", "short-secret", "MAX_PAYLOAD_BYTES", "1");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> load(env, "--bogus", "stray", "--host"));

        assertThat(e.keys()).containsExactlyInAnyOrder("--bogus", "stray", "HOST", "PORT", "PING_TIMEOUT_MS",
                "ACCESS_TOKEN_TTL", "CORS_ORIGIN", "JWKS_URL", "DB_POOL_SIZE", "DATABASE_URL", "JWT_SECRET",
                "MAX_PAYLOAD_BYTES");
        assertThat(e.getMessage())
                .startsWith("invalid configuration (12 problems):")
                .contains("PORT: not an integer: 'http' (from env)")
                .contains("PING_TIMEOUT_MS: must be > 0, was -5 (from env)")
                .contains("ACCESS_TOKEN_TTL: '15' needs a unit, e.g. 15m, 12h or 30d")
                .contains("DB_POOL_SIZE: must be 1..1000, was 0")
                .contains("JWT_SECRET: must be at least 32 bytes (HS256 needs a 256-bit key) (from env)")
                .contains("HOST: --host needs a value")
                .contains("--bogus: unknown flag")
                .doesNotContain("short-secret").doesNotContain("hunter2");
        assertThat(e.code()).isEqualTo(dev.switchboard.common.ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void readsTheRoutingOfTheSupportDesk() {
        ServerConfig config = load(env("ROUTING_STRATEGY", "Least_Busy", "AGENT_MAX_CHATS", "5", "OFFER_TIMEOUT", "20s",
                "AGENT_OFFLINE_GRACE", "1m", "AVERAGE_HANDLE_TIME", "4m", "QUEUE_MAX_WAIT", "1h"));

        assertThat(config.routing()).isEqualTo(new RoutingSettings(Strategy.LEAST_BUSY, 5, Duration.ofSeconds(20),
                Duration.ofMinutes(1), Duration.ofMinutes(4), Duration.ofHours(1)));
        assertThat(load(env()).routing()).isEqualTo(RoutingSettings.defaults());
    }

    @Test
    void refusesAnUnknownRoutingStrategyAndAgentLimitsOutOfRange() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> load(env("ROUTING_STRATEGY", "random", "AGENT_MAX_CHATS", "0", "OFFER_TIMEOUT", "-5s")));

        assertThat(e.keys()).contains("ROUTING_STRATEGY", "AGENT_MAX_CHATS", "OFFER_TIMEOUT");
        assertThat(e.getMessage()).contains("ROUTING_STRATEGY: must be manual, round_robin or least_busy, was random");
    }

    @Test
    void refusesTheSameSecretForAccessAndRefreshTokens() {
        assertThatThrownBy(() -> load(env("REFRESH_TOKEN_SECRET", JWT)))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.keys()).containsExactly("REFRESH_TOKEN_SECRET"))
                .hasMessageContaining("must differ from JWT_SECRET");
    }

    @Test
    void describesTheEffectiveConfigurationWithSecretsMasked() {
        LaunchOptions options = loader.load(
                env("DATABASE_URL", "jdbc:postgresql://db/sb?user=sb&password=hunter2", "DATABASE_PASSWORD", "pw-2"),
                new String[] {"--refresh-token-secret", "flag-given-refresh-secret-of-32-bytes", "--port=7000"});

        List<String> lines = ConfigLoader.describe(options);

        assertThat(lines).contains("PORT=7000", "HOST=0.0.0.0", "CORS_ORIGIN=", "ACCESS_TOKEN_TTL=15m",
                "REFRESH_TOKEN_TTL=30d", "DATA_DIR=./data", "DEMO=false", "JWKS_URL=",
                "JWT_SECRET=****(from env)",
                "REFRESH_TOKEN_SECRET=****(from flag --refresh-token-secret)",
                "DATABASE_PASSWORD=****(from env)",
                "DATABASE_URL=jdbc:postgresql://db/sb?user=sb&password=****");
        assertThat(String.join("\n", lines)).doesNotContain(JWT).doesNotContain("flag-given-refresh")
                .doesNotContain("hunter2").doesNotContain("pw-2");
        assertThat(lines).hasSize(Setting.ALL.size() - 1); // FRONTEND_URL is merged into CORS_ORIGIN
    }

    @Test
    void describesAPlainServerConfigWithoutSources() {
        List<String> lines = ConfigLoader.describe(load(env()));

        assertThat(lines).contains("JWT_SECRET=****", "REFRESH_TOKEN_SECRET=****", "DATABASE_PASSWORD=(not set)");
    }

    @Test
    void masksCredentialsInDatabaseUrls() {
        assertThat(ConfigDescription.maskUrlPassword("jdbc:postgresql://sb:s3cret@db:5432/sb"))
                .isEqualTo("jdbc:postgresql://sb:****@db:5432/sb");
        assertThat(ConfigDescription.maskUrlPassword("jdbc:postgresql://db/sb?Password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/sb?Password=****&ssl=true");
        assertThat(ConfigDescription.maskUrlPassword("jdbc:h2:file:./data/sb")).isEqualTo("jdbc:h2:file:./data/sb");
    }

    @Test
    void neverPrintsSecretsInServerConfigToString() {
        ServerConfig config = load(env("DATABASE_PASSWORD", "db-password-1",
                "DATABASE_URL", "jdbc:postgresql://u:url-password-2@db/sb"));

        assertThat(config.toString()).doesNotContain(JWT).doesNotContain(REFRESH)
                .doesNotContain("db-password-1").doesNotContain("url-password-2").contains("jwtSecret=****");
    }
}
