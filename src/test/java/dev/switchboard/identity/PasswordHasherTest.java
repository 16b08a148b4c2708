package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    /** Cheap parameters where the test is about format or logic rather than about the OWASP cost. */
    private static final PasswordHasher.Parameters FAST = new PasswordHasher.Parameters(64, 1, 1);

    private final PasswordHasher hasher = new PasswordHasher();
    private final PasswordHasher fast = new PasswordHasher(FAST, new SecureRandom());

    @Test
    void hashesWithOwaspParametersInPhcFormat() {
        String phc = hasher.hash("correct horse battery".toCharArray());

        assertThat(phc).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.verify("correct horse battery".toCharArray(), phc)).isTrue();
        assertThat(hasher.needsRehash(phc)).isFalse();
    }

    @Test
    void rejectsAWrongPassword() {
        String phc = fast.hash("correct horse battery".toCharArray());

        assertThat(fast.verify("correct horse batterY".toCharArray(), phc)).isFalse();
        assertThat(fast.verify("".toCharArray(), phc)).isFalse();
    }

    @Test
    void saltsEveryHashDifferently() {
        String first = fast.hash("same password".toCharArray());
        String second = fast.hash("same password".toCharArray());

        assertThat(first).isNotEqualTo(second);
        assertThat(salt(first)).isNotEqualTo(salt(second));
        assertThat(fast.verify("same password".toCharArray(), first)).isTrue();
        assertThat(fast.verify("same password".toCharArray(), second)).isTrue();
    }

    @Test
    void aDecoyLooksLikeAHashWithThisHashersParametersAndMatchesNoPassword() {
        String decoy = hasher.decoy();

        // same format and parameters as a real hash, so verifying against it runs the same Argon2 work
        assertThat(decoy).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.needsRehash(decoy)).isFalse();
        assertThat(hasher.decoy()).isNotEqualTo(decoy);
        assertThat(fast.decoy()).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
        assertThat(fast.verify("decoy-password-never-used".toCharArray(), fast.decoy())).isFalse();
        assertThat(hasher.verify("".toCharArray(), decoy)).isFalse();
    }

    @Test
    void verifiesHashesWrittenWithOtherParametersAndAsksForARehash() {
        String old = fast.hash("an older password".toCharArray());

        assertThat(old).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
        assertThat(hasher.verify("an older password".toCharArray(), old)).isTrue();
        assertThat(hasher.needsRehash(old)).isTrue();
    }

    @Test
    void handlesNonAsciiPasswordsAsUtf8() {
        String phc = fast.hash("pässwörd-日本語".toCharArray());

        assertThat(fast.verify("pässwörd-日本語".toCharArray(), phc)).isTrue();
        assertThat(fast.verify("passwort-日本語".toCharArray(), phc)).isFalse();
    }

    /**
     * Argon2id test vector of the reference implementation: P-H-C/phc-winner-argon2, src/test.c,
     * {@code hashtest(ARGON2_VERSION_13, 2, 16, 1, "password", "somesalt", "09316115d5cf24ed...",
     * ..., Argon2_id)}; the same string appears in the test suites of RustCrypto's argon2 crate.
     */
    @Test
    void verifiesTheReferenceImplementationsArgon2idVector() {
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

        assertThat(hasher.verify("password".toCharArray(), reference)).isTrue();
        assertThat(hasher.verify("passwore".toCharArray(), reference)).isFalse();
        assertThat(hasher.needsRehash(reference)).isTrue();
    }

    /**
     * Argon2i v=19 vectors from the same src/test.c ({@code hashtest(version, 2, 8, 2, ...)} and the
     * "passwore" mismatch case): cover a second type, two lanes and the 8-byte salt.
     */
    @Test
    void verifiesTheReferenceImplementationsArgon2iVectors() {
        String twoLanes = "$argon2i$v=19$m=256,t=2,p=2$c29tZXNhbHQ$T/XOJ2mh1/TIpJHfCdQan76Q5esCFVoT5MAeIM1Oq2E";
        String passwore = "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$8iIuixkI73Js3G1uMbezQXD0b8LG4SXGsOwoQkdAQIM";

        assertThat(hasher.verify("password".toCharArray(), twoLanes)).isTrue();
        assertThat(hasher.verify("password".toCharArray(), passwore)).isFalse();
        assertThat(hasher.needsRehash(twoLanes)).isTrue();
    }

    @Test
    void answersFalseForGarbageInsteadOfThrowing() {
        String valid = fast.hash("a valid password".toCharArray());
        String[] garbage = {
            null, "", "plain text", "$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ", // no hash part
            "$argon2id$v=19$m=65536,t=2,p=1$$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", // no salt
            "$argon2id$v=19$m=65536,t=2,p=1c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", // missing $
            "$argon2id$v=18$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", // unknown version
            "$argon2id$v=19$m=99999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", // 95 GiB
            "$argon2id$v=19$m=65536,t=0,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=65536,t=2,p=1$c2$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", // salt too short
            "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHQ$A", // not base64
            "$argon2x$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            valid + "$extra", valid + "\n",
        };

        for (String phc : garbage) {
            assertThat(hasher.verify("a valid password".toCharArray(), phc)).as(phc).isFalse();
            assertThat(hasher.needsRehash(phc)).as(phc).isTrue();
        }
    }

    @Test
    void refusesToHashPasswordsShorterThanEightCharacters() {
        assertThatThrownBy(() -> fast.hash("1234567".toCharArray()))
                .isInstanceOfSatisfying(SwitchboardException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED))
                .hasMessage("password must be at least 8 characters");
        assertThat(fast.hash("12345678".toCharArray())).startsWith("$argon2id$");
    }

    @Test
    void refusesToHashPasswordsLongerThan1024Characters() {
        char[] tooLong = "x".repeat(1025).toCharArray();

        assertThatThrownBy(() -> fast.hash(tooLong))
                .isInstanceOfSatisfying(SwitchboardException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED))
                .hasMessage("password must be at most 1024 characters");
        assertThat(fast.hash("x".repeat(1024).toCharArray())).startsWith("$argon2id$");
        assertThat(fast.verify(tooLong, fast.hash("x".repeat(1024).toCharArray()))).isFalse();
    }

    @Test
    void refusesParametersOutsideSaneBounds() {
        assertThatThrownBy(() -> new PasswordHasher.Parameters(4, 2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHasher.Parameters(19_456, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHasher.Parameters(19_456, 2, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void virtualThreadsHashingLeaveEveryCarrierFreeForOtherVirtualThreads() throws Exception {
        // as many slow hashes as there are carriers: were the Argon2 work done on the callers' (virtual)
        // threads, it would occupy every carrier, and another virtual thread would run only after one ended
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
                Runtime.getRuntime().availableProcessors());
        PasswordHasher slow = new PasswordHasher(new PasswordHasher.Parameters(32_768, 8, 1), new SecureRandom());
        AtomicInteger hashed = new AtomicInteger();
        CountDownLatch hashing = new CountDownLatch(carriers);
        List<Thread> hashers = new ArrayList<>();
        for (int i = 0; i < carriers; i++) {
            hashers.add(Thread.ofVirtual().start(() -> {
                hashing.countDown();
                slow.hash("correct horse battery".toCharArray());
                hashed.incrementAndGet();
            }));
        }
        hashing.await();
        AtomicInteger hashedWhenOtherRan = new AtomicInteger(-1);
        Thread other = Thread.ofVirtual().start(() -> hashedWhenOtherRan.set(hashed.get()));
        other.join();
        for (Thread t : hashers) t.join();

        assertThat(hashed).hasValue(carriers);
        assertThat(hashedWhenOtherRan).as("hashes finished before another virtual thread got a carrier").hasValue(0);
    }

    private static String salt(String phc) {
        return phc.split("\\$")[4];
    }
}
