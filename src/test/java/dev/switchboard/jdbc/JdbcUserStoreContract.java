package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.Page;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserKind;
import dev.switchboard.identity.UserStatus;
import dev.switchboard.identity.UserStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What every {@link JdbcUserStore} must do, whichever database is behind it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcUserStoreContract {
    private TestDatabase db;
    private UserStore users;

    protected abstract TestDatabase openDatabase();

    /** The store under test, built on the JDBC one (a subclass may put a decorator in front). */
    protected UserStore store(JdbcUserStore jdbc) {
        return jdbc;
    }

    @BeforeAll
    void open() {
        db = openDatabase();
        users = store(new JdbcUserStore(db.database(), new TickingClock(Instant.parse("2025-01-01T00:00:00Z"))));
    }

    @AfterAll
    void close() {
        if (db != null) db.close();
    }

    @Test
    void findAllReturnsTheKnownUsersByIdAndLeavesUnknownIdsOut() {
        User a = users.upsertExternal(new UserId("ext-" + unique()), Role.AGENT, "A", null, UserStatus.ACTIVE);
        User b = users.upsertExternal(new UserId("ext-" + unique()), Role.CUSTOMER, "B", null, UserStatus.ACTIVE);
        UserId unknown = new UserId("nobody-" + unique());

        assertThat(users.findAll(List.of(a.id(), b.id(), unknown, a.id())))
                .containsOnlyKeys(a.id(), b.id())
                .containsEntry(a.id(), a)
                .containsEntry(b.id(), b);
        assertThat(users.findAll(List.of())).isEmpty();
    }

    @Test
    void localAccountIsFoundByIdAndByEmailInAnyCase() {
        String email = unique() + "@Example.com";
        User created = users.createLocal(local(email), "hash-1");

        assertThat(users.findById(created.id())).contains(created);
        assertThat(users.findByEmail(email.toUpperCase())).contains(created);
        assertThat(users.findByEmail("  " + email.toLowerCase() + " ")).contains(created);
        assertThat(created.email()).isEqualTo(email);
        assertThat(users.passwordHash(created.id())).contains("hash-1");
    }

    @Test
    void secondAccountWithTheSameEmailInAnotherCaseIsRejectedAndNotStored() {
        String email = unique() + "@example.com";
        users.createLocal(local(email), "hash");
        User second = local(email.toUpperCase());

        assertThatThrownBy(() -> users.createLocal(second, "hash"))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EMAIL_TAKEN));
        assertThat(users.findById(second.id())).isEmpty();
        assertThat(users.passwordHash(second.id())).isEmpty();
    }

    @Test
    void visitorsAndHostUsersMayShareAnEmailWithAnAccountWhichLoginFindsFirst() {
        String email = unique() + "@example.com";
        users.createVisitor(UserId.newVisitor(), "Visitor", email);
        users.upsertExternal(new UserId(unique()), Role.SELLER, "Host user", email, UserStatus.ACTIVE);
        User account = users.createLocal(local(email), "hash");

        assertThat(users.findByEmail(email)).contains(account);
    }

    @Test
    void passwordHashCanBeReplacedOnlyForAccounts() {
        User account = users.createLocal(local(unique() + "@example.com"), "old");
        users.updatePasswordHash(account.id(), "new");
        User visitor = users.createVisitor(UserId.newVisitor(), "Visitor", null);

        assertThat(users.passwordHash(account.id())).contains("new");
        assertThat(users.passwordHash(visitor.id())).isEmpty();
        assertThatThrownBy(() -> users.updatePasswordHash(visitor.id(), "x"))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_NOT_FOUND));
    }

    @Test
    void upsertExternalInsertsOnFirstSightAndFollowsLaterClaims() {
        UserId id = new UserId("host|" + unique());
        User first = users.upsertExternal(id, Role.CUSTOMER, "Ann", null, UserStatus.ACTIVE);
        User later = users.upsertExternal(id, Role.SELLER, "Ann B.", "ann@example.com", UserStatus.SUSPENDED);

        assertThat(first.kind()).isEqualTo(UserKind.EXTERNAL);
        assertThat(later.role()).isEqualTo(Role.SELLER);
        assertThat(later.name()).isEqualTo("Ann B.");
        assertThat(later.status()).isEqualTo(UserStatus.SUSPENDED);
        assertThat(later.createdAt()).isEqualTo(first.createdAt());
        assertThat(users.findByEmail("ANN@example.com")).isPresent();
    }

    @Test
    void upsertExternalNeverRewritesAccountsOrVisitors() {
        User account = users.createLocal(local(unique() + "@example.com"), "hash");
        User visitor = users.createVisitor(UserId.newVisitor(), "Visitor", null);

        assertThat(users.upsertExternal(account.id(), Role.ADMIN, "Mallory", null, UserStatus.ACTIVE)).isEqualTo(account);
        assertThat(users.upsertExternal(visitor.id(), Role.ADMIN, "Mallory", null, UserStatus.ACTIVE)).isEqualTo(visitor);
        assertThat(users.findById(account.id())).contains(account);
    }

    @Test
    void concurrentFirstSightingsOfOneHostUserCreateOneUser() throws Exception {
        UserId id = new UserId(unique());
        List<Callable<User>> calls = IntStream.range(0, 8)
                .<Callable<User>>mapToObj(i -> () -> users.upsertExternal(id, Role.AGENT, "Agent", null, UserStatus.ACTIVE))
                .toList();
        List<User> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<User> f : pool.invokeAll(calls)) results.add(f.get());
        }

        assertThat(results).allSatisfy(u -> assertThat(u).isEqualTo(results.getFirst()));
        assertThat(users.list(Optional.of(Role.AGENT), null, 1000).items()).filteredOn(u -> u.id().equals(id)).hasSize(1);
    }

    @Test
    void visitorsAreActiveCustomersAndTheirIdsCannotBeReused() {
        UserId id = UserId.newVisitor();
        User visitor = users.createVisitor(id, "Guest", "guest@example.com");

        assertThat(visitor.kind()).isEqualTo(UserKind.VISITOR);
        assertThat(visitor.role()).isEqualTo(Role.CUSTOMER);
        assertThat(visitor.status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(id.value()).startsWith("v_");
        assertThatThrownBy(() -> users.createVisitor(id, "Other", null))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(users.findById(id)).contains(visitor);
    }

    @Test
    void statusChangesAreStoredAndUnknownUsersAreReported() {
        User account = users.createLocal(local(unique() + "@example.com"), "hash");

        assertThat(users.updateStatus(account.id(), UserStatus.SUSPENDED).status()).isEqualTo(UserStatus.SUSPENDED);
        assertThat(users.findById(account.id()).orElseThrow().isActive()).isFalse();
        assertThatThrownBy(() -> users.updateStatus(new UserId(unique()), UserStatus.ACTIVE))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_NOT_FOUND));
    }

    @Test
    void lastSeenOnlyMovesForward() {
        User visitor = users.createVisitor(UserId.newVisitor(), "Guest", null);
        Instant later = Instant.parse("2025-06-01T12:00:00.123456Z");

        users.touchLastSeen(visitor.id(), later);
        users.touchLastSeen(visitor.id(), later.minusSeconds(60));
        users.touchLastSeen(new UserId(unique()), later);

        assertThat(users.findById(visitor.id()).orElseThrow().lastSeenAt()).isEqualTo(later);
    }

    @Test
    void everyoneGoingOfflineAtOnceGetsTheirLastSeenTime() throws InterruptedException {
        Instant at = Instant.parse("2025-06-02T08:00:00Z");
        List<User> visitors = new ArrayList<>();
        for (int i = 0; i < 300; i++) visitors.add(users.createVisitor(UserId.newVisitor(), "Guest " + i, null));
        List<Thread> leaving = new ArrayList<>();
        for (int i = 0; i < visitors.size(); i++) {
            UserId id = visitors.get(i).id();
            Instant seen = at.plusSeconds(i);
            leaving.add(Thread.ofVirtual().start(() -> users.touchLastSeen(id, seen)));
        }
        for (Thread t : leaving) t.join(30_000);

        for (int i = 0; i < visitors.size(); i++) {
            assertThat(users.findById(visitors.get(i).id()).orElseThrow().lastSeenAt()).isEqualTo(at.plusSeconds(i));
        }
    }

    @Test
    void listFiltersByRoleAndWalksAllPagesInIdOrderWithoutRepeats() {
        String prefix = "list-" + unique() + "-";
        for (int i = 0; i < 5; i++) {
            users.upsertExternal(new UserId(prefix + "m" + i), Role.MANAGER, "M" + i, null, UserStatus.ACTIVE);
            users.upsertExternal(new UserId(prefix + "c" + i), Role.CUSTOMER, "C" + i, null, UserStatus.ACTIVE);
        }
        List<User> managers = new ArrayList<>();
        String cursor = null;
        do {
            Page<User> page = users.list(Optional.of(Role.MANAGER), cursor, 2);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            managers.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(managers).allSatisfy(u -> assertThat(u.role()).isEqualTo(Role.MANAGER));
        assertThat(managers).extracting(u -> u.id().value()).isSorted().doesNotHaveDuplicates()
                .filteredOn(id -> id.startsWith(prefix))
                .containsExactly(prefix + "m0", prefix + "m1", prefix + "m2", prefix + "m3", prefix + "m4");
    }

    private static User local(String email) {
        return new User(UserId.newLocal(), UserKind.LOCAL, Role.CUSTOMER, "Someone", email, UserStatus.ACTIVE,
                Instant.parse("2025-01-01T10:00:00.123456789Z"), null);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 12);
    }
}
