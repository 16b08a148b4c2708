package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.common.SwitchboardException;
import dev.switchboard.identity.CachedUserStore;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserStatus;
import dev.switchboard.identity.UserStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link CachedUserStore} over the H2 store, counting what reaches the database. */
class CachedUserStoreTest {
    private final H2TestDatabase db = new H2TestDatabase();
    private final JdbcUserStore jdbc = new JdbcUserStore(db.database(), new TickingClock(Instant.parse("2025-01-01T00:00:00Z")));
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    /** Runs inside the next read that reaches the database, as a change racing it would. */
    private final AtomicReference<Runnable> duringNextRead = new AtomicReference<>();
    private final UserStore below = counting(jdbc);
    private final CachedUserStore users = new CachedUserStore(below);

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void repeatedReadsOfTheSameUsersReachTheDatabaseOnce() {
        User a = user(Role.CUSTOMER);
        User b = user(Role.AGENT);

        for (int i = 0; i < 3; i++) assertThat(users.findAll(List.of(a.id(), b.id()))).containsOnlyKeys(a.id(), b.id());
        assertThat(users.findById(a.id())).contains(a);

        assertThat(calls("findAll")).isEqualTo(1);
        assertThat(calls("findById")).isZero();
    }

    @Test
    void aRoleChangeIsSeenByTheNextRead() {
        User a = user(Role.CUSTOMER);
        users.findAll(List.of(a.id()));

        users.updateProfile(a.id(), Role.AGENT, null);

        assertThat(users.findAll(List.of(a.id())).get(a.id()).role()).isEqualTo(Role.AGENT);
        assertThat(users.findById(a.id()).orElseThrow().role()).isEqualTo(Role.AGENT);
    }

    @Test
    void aStatusChangeAndNewClaimsAreSeenByTheNextRead() {
        User a = user(Role.CUSTOMER);
        users.findById(a.id());

        users.updateStatus(a.id(), UserStatus.SUSPENDED);
        assertThat(users.findById(a.id()).orElseThrow().status()).isEqualTo(UserStatus.SUSPENDED);

        users.upsertExternal(a.id(), Role.AGENT, "New name", null, UserStatus.ACTIVE);
        assertThat(users.findById(a.id()).orElseThrow()).extracting(User::role, User::name, User::status)
                .containsExactly(Role.AGENT, "New name", UserStatus.ACTIVE);
    }

    @Test
    void aReadThatRacedAChangeIsNotRemembered() {
        User a = user(Role.CUSTOMER);
        // the read has started when the change commits and is reported: what it found may be old
        duringNextRead.set(() -> users.updateProfile(a.id(), Role.AGENT, null));

        users.findAll(List.of(a.id()));

        assertThat(users.findAll(List.of(a.id())).get(a.id()).role()).isEqualTo(Role.AGENT);
        assertThat(calls("findAll")).isEqualTo(2);
    }

    @Test
    void unchangedClaimsOfARememberedUserNeedNoTransaction() {
        User a = user(Role.CUSTOMER);
        users.findById(a.id());
        int upserts = calls("upsertExternal");

        assertThat(users.upsertExternal(a.id(), a.role(), a.name(), a.email(), a.status())).isEqualTo(a);

        assertThat(calls("upsertExternal")).isEqualTo(upserts);
    }

    @Test
    void invalidClaimsAreRefusedEvenForARememberedUser() {
        User a = user(Role.CUSTOMER);
        users.findById(a.id());

        assertThatThrownBy(() -> users.upsertExternal(a.id(), a.role(), "n".repeat(10_000), null, a.status()))
                .isInstanceOf(SwitchboardException.class);
    }

    @Test
    void aFailedChangeStillForgetsTheUser() {
        User a = user(Role.CUSTOMER);
        users.findById(a.id());
        int reads = calls("findById");

        assertThatThrownBy(() -> users.updateStatus(new UserId("nobody-" + UUID.randomUUID()), UserStatus.ACTIVE))
                .isInstanceOf(SwitchboardException.class);
        users.touchLastSeen(a.id(), Instant.parse("2025-01-02T00:00:00Z"));

        assertThat(users.findById(a.id()).orElseThrow().lastSeenAt()).isEqualTo(Instant.parse("2025-01-02T00:00:00Z"));
        assertThat(calls("findById")).isEqualTo(reads + 1);
    }

    private User user(Role role) {
        return jdbc.upsertExternal(new UserId("u-" + UUID.randomUUID()), role, "Name", null, UserStatus.ACTIVE);
    }

    private int calls(String method) {
        return calls.getOrDefault(method, new AtomicInteger()).get();
    }

    private UserStore counting(UserStore store) {
        return (UserStore) Proxy.newProxyInstance(UserStore.class.getClassLoader(), new Class<?>[] {UserStore.class},
                (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
                    try {
                        Object result = method.invoke(store, args);
                        Runnable hook = method.getName().startsWith("find") ? duringNextRead.getAndSet(null) : null;
                        if (hook != null) hook.run();
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
