package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets that were not configured: generated once, stored owner-only in DATA_DIR, reused. */
class ConfigSecretsTest {

    @TempDir
    Path dataDir;

    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void generatesMissingSecretsAndReusesThemOnTheNextStart() throws IOException {
        LaunchOptions first = loader.load(Map.of("DATA_DIR", dataDir.toString()), new String[0]);
        LaunchOptions second = loader.load(Map.of("DATA_DIR", dataDir.toString()), new String[0]);

        ServerConfig.Security security = first.config().security();
        assertThat(security.jwtSecret()).hasSize(43).isNotEqualTo(security.refreshSecret());
        assertThat(security.refreshSecret()).hasSize(43);
        assertThat(second.config().security()).isEqualTo(security);
        Path file = dataDir.resolve("secrets.properties");
        assertThat(stored(file)).containsEntry("JWT_SECRET", security.jwtSecret())
                .containsEntry("REFRESH_TOKEN_SECRET", security.refreshSecret());
        assertThat(first.sources()).containsEntry("JWT_SECRET", "generated, stored in " + file);
        assertThat(second.sources()).containsEntry("JWT_SECRET", "stored in " + file);
        assertThat(ConfigLoader.describe(second)).contains("JWT_SECRET=****(stored in " + file + ")");
    }

    @Test
    void writesTheSecretsFileReadableByItsOwnerOnly() throws IOException {
        loader.load(Map.of("DATA_DIR", dataDir.toString()), new String[0]);

        Path file = dataDir.resolve("secrets.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(dataDir)) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void createsAMissingDataDirectory() {
        Path nested = dataDir.resolve("a/b");

        loader.load(Map.of("DATA_DIR", nested.toString()), new String[0]);

        assertThat(nested.resolve("secrets.properties")).exists();
    }

    @Test
    void generatesRandomSecretsInDemoModeTooNeverAConstant() {
        ServerConfig one = loader.load(Map.of("DATA_DIR", dataDir.resolve("one").toString()), new String[] {"--demo"})
                .config();
        ServerConfig two = loader.load(Map.of("DATA_DIR", dataDir.resolve("two").toString()), new String[] {"--demo"})
                .config();

        assertThat(one.demo()).isTrue();
        assertThat(one.security().jwtSecret()).isNotEqualTo(two.security().jwtSecret());
        assertThat(one.security().refreshSecret()).isNotEqualTo(two.security().refreshSecret());
    }

    @Test
    void keepsAConfiguredSecretAndStoresOnlyTheMissingOne() throws IOException {
        String jwt = "configured-secret-configured-secret-42";

        ServerConfig config = loader.load(Map.of("DATA_DIR", dataDir.toString(), "JWT_SECRET", jwt), new String[0])
                .config();

        assertThat(config.security().jwtSecret()).isEqualTo(jwt);
        assertThat(stored(dataDir.resolve("secrets.properties")))
                .containsOnlyKeys("REFRESH_TOKEN_SECRET")
                .containsEntry("REFRESH_TOKEN_SECRET", config.security().refreshSecret());
    }

    @Test
    void writesNothingWhenBothSecretsAreConfigured() {
        loader.load(ConfigLoaderTest.env("DATA_DIR", dataDir.toString()), new String[0]);

        assertThat(dataDir.resolve("secrets.properties")).doesNotExist();
    }

    @Test
    void writesNothingWhenTheConfigurationIsInvalid() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> loader.load(Map.of("DATA_DIR", dataDir.toString(), "PORT", "x"), new String[0]));

        assertThat(e.keys()).containsExactly("PORT");
        assertThat(dataDir.resolve("secrets.properties")).doesNotExist();
    }

    @Test
    void reportsADataDirectoryThatCannotHoldTheSecrets() throws IOException {
        Path notADirectory = Files.writeString(dataDir.resolve("plain-file"), "x");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> loader.load(Map.of("DATA_DIR", notADirectory.toString()), new String[0]));

        assertThat(e.keys()).containsExactly("DATA_DIR");
        assertThat(e.getMessage()).contains("set JWT_SECRET and REFRESH_TOKEN_SECRET or make DATA_DIR writable");
    }

    @Test
    void refusesAStoredSecretThatIsTooShort() throws IOException {
        Files.writeString(dataDir.resolve("secrets.properties"), "JWT_SECRET=tiny\n");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> loader.load(Map.of("DATA_DIR", dataDir.toString()), new String[0]));

        assertThat(e.keys()).containsExactly("JWT_SECRET");
        assertThat(e.getMessage()).contains("must be at least 32 bytes").doesNotContain("tiny");
    }

    private static Map<Object, Object> stored(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return Map.copyOf(properties);
    }
}
