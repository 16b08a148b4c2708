package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The group-commit mechanism with a writer that stands in for the database. */
class GroupCommitTest {
    private final FakeWriter writer = new FakeWriter();
    private final GroupCommit<String, String> commit = new GroupCommit<>("test", 1, 100, s -> 0, writer);

    @AfterEach
    void close() {
        writer.gate.countDown();
        commit.close();
    }

    @Test
    void aCallerReturnsOnlyAfterTheCommitThatStoredItsItem() throws Exception {
        CompletableFuture<String> sent = submitAsync("a");

        assertThat(writer.entered.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(50);
        assertThat(sent).isNotDone();

        writer.gate.countDown();
        assertThat(sent.get(5, TimeUnit.SECONDS)).isEqualTo("stored a");
    }

    @Test
    void whatQueuesWhileTheWriterIsBusyIsStoredInOneBatchInArrivalOrder() throws Exception {
        CompletableFuture<String> first = submitAsync("first");
        assertThat(writer.entered.await(5, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<String>> rest = new ArrayList<>();
        for (String item : List.of("b", "c", "d")) {
            rest.add(submitAsync(item));
            awaitQueued(rest.size());
        }

        writer.gate.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("stored first");
        for (int i = 0; i < rest.size(); i++) {
            assertThat(rest.get(i).get(5, TimeUnit.SECONDS)).isEqualTo("stored " + "bcd".charAt(i));
        }
        assertThat(writer.batches).containsExactly(List.of("first"), List.of("b", "c", "d"));
    }

    @Test
    void aRolledBackBatchIsWrittenAgainItemByItemSoABadItemFailsAlone() throws Exception {
        writer.batchFailure = items -> new RolledBackException(new SwitchboardException(ErrorCode.INTERNAL, "bad row"));
        List<CompletableFuture<String>> sent = queueBehindABusyWriter("good-1", "bad", "good-2");

        assertThat(sent.get(0).get(5, TimeUnit.SECONDS)).isEqualTo("stored good-1");
        assertThat(sent.get(2).get(5, TimeUnit.SECONDS)).isEqualTo("stored good-2");
        assertThatThrownBy(() -> sent.get(1).join()).hasCauseInstanceOf(SwitchboardException.class);
        assertThat(writer.alone).containsExactly("busy", "good-1", "bad", "good-2");
    }

    @Test
    void aFailedCommitFailsTheWholeBatchAndWritesNothingTwice() throws Exception {
        SwitchboardException lost = new SwitchboardException(ErrorCode.UNAVAILABLE, "connection lost in commit");
        writer.batchFailure = items -> lost;
        List<CompletableFuture<String>> sent = queueBehindABusyWriter("x", "y");

        for (CompletableFuture<String> s : sent) {
            assertThatThrownBy(s::join).hasCause(lost);
        }
        assertThat(writer.alone).containsExactly("busy");
    }

    @Test
    void anItemTheBatchRefusesFailsAloneWhileTheOthersAreStored() throws Exception {
        List<CompletableFuture<String>> sent = queueBehindABusyWriter("ok", "refused", "ok-too");

        assertThat(sent.get(0).get(5, TimeUnit.SECONDS)).isEqualTo("stored ok");
        assertThat(sent.get(2).get(5, TimeUnit.SECONDS)).isEqualTo("stored ok-too");
        assertThatThrownBy(() -> sent.get(1).join()).hasMessageContaining("refused");
    }

    @Test
    void closingWritesWhatIsQueuedThenRefusesNewItems() throws Exception {
        List<CompletableFuture<String>> sent = new ArrayList<>();
        sent.add(submitAsync("busy"));
        assertThat(writer.entered.await(5, TimeUnit.SECONDS)).isTrue();
        sent.add(submitAsync("queued"));
        awaitQueued(1);

        Thread closer = Thread.ofVirtual().start(commit::close);
        writer.gate.countDown();
        closer.join();

        assertThat(sent.get(1).get(5, TimeUnit.SECONDS)).isEqualTo("stored queued");
        assertThatThrownBy(() -> commit.submit("late")).isInstanceOfSatisfying(SwitchboardException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }

    /** Holds the writer with a first item, queues {@code items} behind it, then lets it go. */
    private List<CompletableFuture<String>> queueBehindABusyWriter(String... items) throws Exception {
        CompletableFuture<String> busy = submitAsync("busy");
        assertThat(writer.entered.await(5, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<String>> sent = new ArrayList<>();
        for (String item : items) {
            sent.add(submitAsync(item));
            awaitQueued(sent.size());
        }
        writer.gate.countDown();
        busy.get(5, TimeUnit.SECONDS);
        return sent;
    }

    private CompletableFuture<String> submitAsync(String item) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(commit.submit(item));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private void awaitQueued(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (commit.queued() < n) {
            if (System.nanoTime() > deadline) throw new AssertionError("never queued " + n);
            Thread.sleep(1);
        }
    }

    /** Stores "stored <item>"; the first write waits for the gate; items named "refused" are refused in a batch. */
    private static final class FakeWriter implements GroupCommit.Writer<String, String> {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        final List<String> alone = new CopyOnWriteArrayList<>();
        volatile Function<List<String>, RuntimeException> batchFailure;

        @Override
        public List<GroupCommit.Outcome<String>> writeAll(List<String> items) {
            pass();
            batches.add(items);
            if (batchFailure != null) throw batchFailure.apply(items);
            return items.stream().map(i -> i.equals("refused")
                    ? GroupCommit.Outcome.<String>failed(new SwitchboardException(ErrorCode.CONFLICT, "refused"))
                    : GroupCommit.Outcome.of("stored " + i)).toList();
        }

        @Override
        public String writeOne(String item) {
            pass();
            batches.add(List.of(item));
            alone.add(item);
            if (item.equals("bad")) throw new SwitchboardException(ErrorCode.INTERNAL, "bad row");
            return "stored " + item;
        }

        private void pass() {
            entered.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
