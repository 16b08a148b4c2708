package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.ServerConfig;
import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.ConversationService;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One database per test class, shared by its tests; each test creates its own users, so tests do not
 * see each other's conversations. Limits are small so that tests can reach them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConversationContractBase {
    static final int MAX_MESSAGE_CHARS = 50;
    static final int MAX_PAGE_SIZE = 20;

    TestDatabase db;
    JdbcUserStore users;
    JdbcConversationStore store;
    ConversationService service;

    protected abstract TestDatabase openDatabase();

    @BeforeAll
    void open() {
        db = openDatabase();
        TickingClock clock = new TickingClock(Instant.parse("2025-03-01T09:00:00Z"));
        users = new JdbcUserStore(db.database(), clock);
        store = new JdbcConversationStore(db.database());
        service = new ConversationService(store, users, clock, new ServerConfig.Chat(MAX_MESSAGE_CHARS, MAX_PAGE_SIZE));
    }

    @AfterAll
    void close() {
        if (store != null) store.close();
        if (db != null) db.close();
    }

    UserId user(Role role) {
        UserId id = new UserId(role.wire() + "-" + UUID.randomUUID());
        users.upsertExternal(id, role, "A " + role.wire(), null, UserStatus.ACTIVE);
        return id;
    }

    static void assertFails(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SwitchboardException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    /** Runs {@code task} {@code times} times on {@code threads} threads, released together to collide. */
    static <T> List<T> concurrently(int threads, int times, Callable<T> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        List<T> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < times; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            for (Future<T> future : futures) results.add(future.get());
        }
        return results;
    }
}
