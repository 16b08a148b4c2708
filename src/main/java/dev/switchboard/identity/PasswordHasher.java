package dev.switchboard.identity;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashes and verifies passwords with Argon2id, stored as PHC strings
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, unpadded standard base64).
 *
 * <p>Verification reads the type and cost parameters from the stored string rather than from this
 * object, so the parameters can be raised later: old hashes still verify, and {@link #needsRehash}
 * tells the login path to store a fresh hash. Hashing costs tens of milliseconds and ~19 MiB of
 * memory on purpose, so the Argon2 work runs on the hasher's own threads ({@value #HASH_THREADS_MIN}
 * or half the cores, whichever is more) while the caller waits: a virtual thread waiting unmounts, so
 * a login does not hold one of the few carriers that run every connection's events (docs/performance.md,
 * step 17), and no more hashes than those threads take memory at once. Never call it on an event-loop
 * thread. Thread-safe.
 */
public final class PasswordHasher {

    public static final int MIN_PASSWORD_CHARS = 8;
    /** An upper bound keeps a multi-megabyte "password" from becoming a cheap denial of service. */
    public static final int MAX_PASSWORD_CHARS = 1024;

    static final int HASH_THREADS_MIN = 2;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();
    /** Version is optional in the format: strings written before v=19 existed omit it. */
    private static final Pattern PHC = Pattern.compile(
            "\\$(argon2id|argon2i|argon2d)(?:\\$v=(\\d{1,3}))?\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})"
                    + "\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    /**
     * Argon2 cost parameters. Bounds also apply to parsed strings, so a corrupted or hostile stored
     * hash cannot make {@link #verify} allocate gigabytes or spin for minutes.
     */
    public record Parameters(int memoryKib, int iterations, int parallelism) {
        /** OWASP Password Storage Cheat Sheet, Argon2id option 2: 19 MiB, 2 passes, 1 lane. */
        public static final Parameters OWASP = new Parameters(19_456, 2, 1);

        public Parameters {
            if (parallelism < 1 || parallelism > 64) {
                throw new IllegalArgumentException("parallelism must be 1..64, was " + parallelism);
            }
            if (memoryKib < 8 * parallelism || memoryKib > 1_048_576) {
                throw new IllegalArgumentException("memoryKib must be 8*p..1048576, was " + memoryKib);
            }
            if (iterations < 1 || iterations > 64) {
                throw new IllegalArgumentException("iterations must be 1..64, was " + iterations);
            }
        }
    }

    private record Phc(int type, int version, Parameters parameters, byte[] salt, byte[] hash) {}

    private final Parameters parameters;
    private final SecureRandom random;

    /** A hasher with the {@link Parameters#OWASP} parameters. */
    public PasswordHasher() {
        this(Parameters.OWASP, new SecureRandom());
    }

    public PasswordHasher(Parameters parameters, SecureRandom random) {
        this.parameters = Objects.requireNonNull(parameters);
        this.random = Objects.requireNonNull(random);
    }

    /**
     * Hashes {@code password} with a fresh random salt and returns the PHC string.
     *
     * @throws SwitchboardException VALIDATION_FAILED when the password is shorter than
     *     {@value #MIN_PASSWORD_CHARS} or longer than {@value #MAX_PASSWORD_CHARS} characters
     */
    public String hash(char[] password) {
        Objects.requireNonNull(password, "password");
        if (password.length < MIN_PASSWORD_CHARS) {
            throw SwitchboardException.invalid("password must be at least " + MIN_PASSWORD_CHARS + " characters");
        }
        if (password.length > MAX_PASSWORD_CHARS) {
            throw SwitchboardException.invalid("password must be at most " + MAX_PASSWORD_CHARS + " characters");
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_VERSION_13, parameters, salt,
                password, HASH_BYTES);
        return phc(salt, hash);
    }

    /**
     * A stand-in for the stored hash of an account that does not exist: the format and parameters
     * of {@link #hash}, with a random salt and a random tag instead of a derived one. Verifying a
     * password against it runs the same Argon2 work as against a real hash of this hasher, so a
     * login takes as long whether or not the account exists; no password matches it (that would
     * take guessing a random 256-bit tag). Costs no Argon2 work itself, unlike hashing a decoy
     * password (tens of milliseconds and ~19 MiB, once per server start).
     */
    public String decoy() {
        byte[] salt = new byte[SALT_BYTES];
        byte[] tag = new byte[HASH_BYTES];
        random.nextBytes(salt);
        random.nextBytes(tag);
        return phc(salt, tag);
    }

    private String phc(byte[] salt, byte[] hash) {
        return "$argon2id$v=19$m=" + parameters.memoryKib() + ",t=" + parameters.iterations() + ",p="
                + parameters.parallelism() + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /**
     * Whether {@code password} matches the stored PHC string. Never throws for a malformed or
     * unsupported string: a login must answer "wrong credentials", not leak a parse error.
     */
    public boolean verify(char[] password, String phc) {
        if (password == null || password.length > MAX_PASSWORD_CHARS) return false;
        Optional<Phc> parsed = parse(phc);
        if (parsed.isEmpty()) return false;
        Phc p = parsed.get();
        byte[] actual = derive(p.type(), p.version(), p.parameters(), p.salt(), password, p.hash().length);
        return MessageDigest.isEqual(actual, p.hash());
    }

    /**
     * Whether a stored hash should be replaced after the next successful login: it is not Argon2id
     * v=19, uses other parameters than this hasher, or cannot be parsed at all.
     */
    public boolean needsRehash(String phc) {
        return parse(phc)
                .map(p -> p.type() != Argon2Parameters.ARGON2_id
                        || p.version() != Argon2Parameters.ARGON2_VERSION_13
                        || !p.parameters().equals(parameters)
                        || p.salt().length != SALT_BYTES
                        || p.hash().length != HASH_BYTES)
                .orElse(true);
    }

    private static Optional<Phc> parse(String phc) {
        if (phc == null || phc.length() > 512) return Optional.empty();
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) return Optional.empty();
        try {
            int type = switch (m.group(1)) {
                case "argon2id" -> Argon2Parameters.ARGON2_id;
                case "argon2i" -> Argon2Parameters.ARGON2_i;
                default -> Argon2Parameters.ARGON2_d;
            };
            int version = m.group(2) == null ? Argon2Parameters.ARGON2_VERSION_10 : Integer.parseInt(m.group(2));
            if (version != Argon2Parameters.ARGON2_VERSION_10 && version != Argon2Parameters.ARGON2_VERSION_13) {
                return Optional.empty();
            }
            Parameters parameters = new Parameters(
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
            byte[] salt = B64_DECODER.decode(m.group(6));
            byte[] hash = B64_DECODER.decode(m.group(7));
            // Argon2 itself requires a salt of at least 8 bytes and a tag of at least 4.
            if (salt.length < 8 || hash.length < 4 || hash.length > 256) return Optional.empty();
            return Optional.of(new Phc(type, version, parameters, salt, hash));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] derive(
            int type, int version, Parameters parameters, byte[] salt, char[] password, int length) {
        Future<byte[]> work = Workers.POOL.submit(() -> deriveHere(type, version, parameters, salt, password, length));
        try {
            return work.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            work.cancel(true);
            Thread.currentThread().interrupt();
            throw new SwitchboardException(ErrorCode.UNAVAILABLE, "interrupted while checking a password");
        }
    }

    /** The hashing threads, started at the first hash (a server that never hashes has none). */
    private static final class Workers {
        static final ExecutorService POOL = Executors.newFixedThreadPool(
                Math.max(HASH_THREADS_MIN, Runtime.getRuntime().availableProcessors() / 2),
                Thread.ofPlatform().daemon().name("switchboard-hash-", 1).factory());
    }

    private static byte[] deriveHere(
            int type, int version, Parameters parameters, byte[] salt, char[] password, int length) {
        Argon2Parameters argon = new Argon2Parameters.Builder(type)
                .withVersion(version)
                .withMemoryAsKB(parameters.memoryKib())
                .withIterations(parameters.iterations())
                .withParallelism(parameters.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(argon);
        byte[] out = new byte[length];
        // Argon2Parameters' default converter encodes the chars as UTF-8, matching other implementations.
        generator.generateBytes(password, out);
        argon.clear();
        return out;
    }

    @Override
    public String toString() {
        return "PasswordHasher" + parameters;
    }
}
