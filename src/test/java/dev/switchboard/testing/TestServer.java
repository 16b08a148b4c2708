package dev.switchboard.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.app.ServerConfig;
import dev.switchboard.app.Switchboard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A real Switchboard server for end-to-end tests: embedded database in a temporary folder (or
 * the given one, to restart on the same data), loopback, a free port, a known JWT secret so tests
 * mint tokens the way a host application does.
 */
public final class TestServer implements AutoCloseable {
    public static final String JWT_SECRET = "test-jwt-secret-0123456789-abcdefghijklmnop";
    public static final String REFRESH_SECRET = "test-refresh-secret-0123456789-abcdefghijkl";

    private final Path dataDir;
    private final boolean ownsDataDir;
    private final Switchboard server;

    private TestServer(Path dataDir, boolean ownsDataDir, Switchboard server) {
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.server = server;
    }

    public static TestServer start() {
        return start(UnaryOperator.identity());
    }

    /** Starts with a config the caller may adjust (e.g. shorter heartbeats). */
    public static TestServer start(UnaryOperator<ServerConfig> adjust) {
        try {
            Path dir = Files.createTempDirectory("switchboard-test");
            return new TestServer(dir, true, Switchboard.start(adjust.apply(config(dir))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts with an adjusted config and a clock the test moves (routing timers: offers, grace periods). */
    public static TestServer start(UnaryOperator<ServerConfig> adjust, Clock clock) {
        try {
            Path dir = Files.createTempDirectory("switchboard-test");
            return new TestServer(dir, true, Switchboard.start(adjust.apply(config(dir)), clock));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts on an existing data folder, which this server will not delete (restart tests). */
    public static TestServer startOn(Path dataDir) {
        return startOn(dataDir, UnaryOperator.identity());
    }

    /** As {@link #startOn(Path)}, with an adjusted config. */
    public static TestServer startOn(Path dataDir, UnaryOperator<ServerConfig> adjust) {
        try {
            return new TestServer(dataDir, false, Switchboard.start(adjust.apply(config(dataDir))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts on an existing data folder and a given port: a restart that clients reconnect to by themselves. */
    public static TestServer startOn(Path dataDir, int port) {
        try {
            ServerConfig c = config(dataDir);
            return new TestServer(dataDir, false, Switchboard.start(new ServerConfig(
                    new ServerConfig.Http(c.http().host(), port, c.http().corsOrigins(), c.http().maxRequestBytes()),
                    c.engine(), c.security(), c.storage(), c.chat(), c.demo())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static ServerConfig config(Path dataDir) {
        return new ServerConfig(
                new ServerConfig.Http("127.0.0.1", 0, List.of("*"), 1 << 20),
                new ServerConfig.Engine(2_000, 2_000, 1_000_000, 5_000, 5_000),
                new ServerConfig.Security(JWT_SECRET, REFRESH_SECRET, Duration.ofMinutes(15), Duration.ofDays(30), null, null),
                new ServerConfig.Storage(dataDir, "", null, null, 4),
                ServerConfig.Chat.defaults(),
                false);
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public Switchboard server() {
        return server;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** A fresh user known to the server only through a host token, as a host application would mint it. */
    public TestUser user(String name, String role) {
        String id = role + "-" + UUID.randomUUID();
        return new TestUser(id, name, role, hostToken(id, role, name, Duration.ofHours(1)));
    }

    /**
     * Makes the server know the user without connecting, as their first authenticated request
     * would: others can then address them while they stay offline.
     */
    public TestUser known(TestUser user) {
        server.services().identity().authenticate(user.token());
        return user;
    }

    /** An HS256 token signed with the shared secret, with the claims of SPEC C2. */
    public static String hostToken(String subject, String role, String name, Duration ttl) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("role", role)
                .claim("name", name)
                .claim("email", subject + "@example.test")
                .claim("status", "active")
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(ttl)))
                .build();
        return sign(claims, JWT_SECRET);
    }

    public static String sign(JWTClaimsSet claims, String secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server; the data stays (see {@link #close()} for deleting it). */
    public void stop() {
        server.close();
    }

    @Override
    public void close() {
        server.close();
        if (ownsDataDir) deleteRecursively(dataDir);
    }

    public static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp folder
        }
    }

    /** A user and their access token. */
    public record TestUser(String id, String name, String role, String token) {}
}
