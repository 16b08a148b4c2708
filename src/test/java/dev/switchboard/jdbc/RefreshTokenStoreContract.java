package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.identity.RefreshTokenStore.IssuedRefresh;
import dev.switchboard.identity.RefreshTokenStore.Use;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What every {@link JdbcRefreshTokenStore} must do, whichever database is behind it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RefreshTokenStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private TestDatabase db;
    private JdbcRefreshTokenStore tokens;
    private JdbcUserStore users;

    protected abstract TestDatabase openDatabase();

    @BeforeAll
    void open() {
        db = openDatabase();
        tokens = new JdbcRefreshTokenStore(db.database());
        users = new JdbcUserStore(db.database(), new TickingClock(T0));
    }

    @AfterAll
    void close() {
        if (db != null) db.close();
    }

    private UserId user() {
        return users.upsertExternal(new UserId("u-" + UUID.randomUUID()), Role.CUSTOMER, "U", null, UserStatus.ACTIVE).id();
    }

    private IssuedRefresh issue(UserId user, String family, Instant expiresAt) {
        IssuedRefresh token = new IssuedRefresh(UUID.randomUUID().toString(), family, user, T0, expiresAt);
        tokens.issued(token);
        return token;
    }

    @Test
    void aTokenIsSpentOnceAndItsReuseRevokesEveryTokenOfTheFamily() {
        UserId user = user();
        String family = UUID.randomUUID().toString();
        IssuedRefresh first = issue(user, family, T0.plus(Duration.ofDays(1)));
        assertThat(tokens.spend(first.id(), T0.plusSeconds(1))).isEqualTo(Use.SPENT);
        IssuedRefresh successor = issue(user, family, T0.plus(Duration.ofDays(1)));

        assertThat(tokens.spend(first.id(), T0.plusSeconds(2))).isEqualTo(Use.REUSED);
        assertThat(tokens.spend(successor.id(), T0.plusSeconds(3))).as("the family is revoked").isEqualTo(Use.REFUSED);
    }

    @Test
    void unknownExpiredAndRevokedTokensAreRefused() {
        UserId user = user();
        assertThat(tokens.spend("never-issued", T0)).isEqualTo(Use.REFUSED);
        IssuedRefresh expired = issue(user, "f-" + UUID.randomUUID(), T0.plusSeconds(10));
        assertThat(tokens.spend(expired.id(), T0.plusSeconds(10))).isEqualTo(Use.REFUSED);
        IssuedRefresh signedOut = issue(user, "f-" + UUID.randomUUID(), T0.plus(Duration.ofDays(1)));
        assertThat(tokens.revokeFamilyOf(signedOut.id(), T0)).isTrue();
        assertThat(tokens.spend(signedOut.id(), T0.plusSeconds(1))).isEqualTo(Use.REFUSED);
        assertThat(tokens.revokeFamilyOf("never-issued", T0)).isFalse();
    }

    @Test
    void revokingAUserRefusesAllTheirTokensAndNobodyElses() {
        UserId user = user();
        UserId other = user();
        IssuedRefresh a = issue(user, "f-" + UUID.randomUUID(), T0.plus(Duration.ofDays(1)));
        IssuedRefresh b = issue(user, "f-" + UUID.randomUUID(), T0.plus(Duration.ofDays(1)));
        IssuedRefresh c = issue(other, "f-" + UUID.randomUUID(), T0.plus(Duration.ofDays(1)));

        tokens.revokeAllOf(user, T0);

        assertThat(tokens.spend(a.id(), T0.plusSeconds(1))).isEqualTo(Use.REFUSED);
        assertThat(tokens.spend(b.id(), T0.plusSeconds(1))).isEqualTo(Use.REFUSED);
        assertThat(tokens.spend(c.id(), T0.plusSeconds(1))).isEqualTo(Use.SPENT);
    }

    @Test
    void ofManyConcurrentUsesOfOneTokenExactlyOneSpendsIt() throws Exception {
        IssuedRefresh token = issue(user(), "f-" + UUID.randomUUID(), T0.plus(Duration.ofDays(1)));
        List<Callable<Use>> uses = new ArrayList<>();
        for (int i = 0; i < 8; i++) uses.add(() -> tokens.spend(token.id(), T0.plusSeconds(1)));
        List<Use> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Use> f : pool.invokeAll(uses)) results.add(f.get());
        }
        assertThat(results).filteredOn(u -> u == Use.SPENT).hasSize(1);
        assertThat(results).as("the others saw a reuse").filteredOn(u -> u == Use.REUSED).hasSize(7);
    }

    @Test
    void purgingForgetsOnlyExpiredTokens() {
        UserId user = user();
        IssuedRefresh old = issue(user, "f-" + UUID.randomUUID(), T0.minus(Duration.ofDays(1)));
        IssuedRefresh live = issue(user, "f-" + UUID.randomUUID(), T0.plus(Duration.ofDays(1)));

        assertThat(tokens.purgeExpired(T0)).isGreaterThanOrEqualTo(1);

        assertThat(tokens.revokeFamilyOf(old.id(), T0)).isFalse();
        assertThat(tokens.spend(live.id(), T0)).isEqualTo(Use.SPENT);
    }
}
