package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LeaderBatchTest {
    @Test
    void aLoneCallerWritesItsOwnItem() {
        List<List<String>> batches = new ArrayList<>();
        LeaderBatch<String> batch = new LeaderBatch<>(10, batches::add);

        batch.submit("a");
        batch.submit("b");

        assertThat(batches).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void callersArrivingWhileABatchIsWrittenGoIntoTheNextBatchesAndAllReturn() throws Exception {
        HeldFirstWrite held = new HeldFirstWrite(20);
        List<List<Integer>> batches = held.batches;
        LeaderBatch<Integer> batch = held.batch;
        CountDownLatch releaseFirst = held.release;
        Thread first = held.first;
        List<Thread> later = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            int item = i;
            later.add(Thread.ofVirtual().start(() -> batch.submit(item)));
        }
        while (later.stream().anyMatch(t -> t.getState() != Thread.State.WAITING)) Thread.onSpinWait();

        releaseFirst.countDown();
        first.join(5_000);
        for (Thread t : later) t.join(5_000);

        assertThat(later).noneMatch(Thread::isAlive);
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(51);
        assertThat(batches).as("the fifty who came meanwhile: three batches of at most twenty").hasSize(4);
    }

    @Test
    void aWriterReturnsOnceItsOwnItemIsWrittenAndTheOldestWaitingCallerWritesTheRest() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        CountDownLatch releaseSecond = new CountDownLatch(1);
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        List<Thread> writers = Collections.synchronizedList(new ArrayList<>());
        LeaderBatch<Integer> batch = new LeaderBatch<>(100, items -> {
            batches.add(items);
            writers.add(Thread.currentThread());
            if (batches.size() == 1) {
                firstStarted.countDown();
                await(releaseFirst);
            } else if (batches.size() == 2) {
                secondStarted.countDown();
                await(releaseSecond);
            }
        });
        Thread first = Thread.ofVirtual().start(() -> batch.submit(0));
        await(firstStarted);
        List<Thread> later = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            int item = i;
            later.add(Thread.ofVirtual().start(() -> batch.submit(item)));
            while (later.getLast().getState() != Thread.State.WAITING) Thread.onSpinWait(); // queued in this order
        }

        releaseFirst.countDown();
        await(secondStarted);
        first.join(5_000);

        assertThat(first.isAlive()).as("the first writer is answered while the second batch is still being written").isFalse();
        assertThat(writers.get(1)).as("the oldest waiting caller writes the second batch").isSameAs(later.getFirst());
        releaseSecond.countDown();
        for (Thread t : later) t.join(5_000);
        assertThat(later).noneMatch(Thread::isAlive);
        assertThat(batches).containsExactly(List.of(0), IntStream.rangeClosed(1, 10).boxed().toList());
    }

    @Test
    void aWriteAloneRunsOnlyWhenNobodyWritesOrWaitsAndCallersArrivingMeanwhileAreWrittenAfterIt() throws Exception {
        HeldFirstWrite held = new HeldFirstWrite(100);
        List<List<Integer>> batches = held.batches;
        LeaderBatch<Integer> batch = held.batch;
        CountDownLatch releaseFirst = held.release;
        Thread first = held.first;

        assertThat(batch.writeAloneIfIdle(() -> batches.add(List.of(-1)))).as("while a batch is written").isFalse();
        releaseFirst.countDown();
        first.join(5_000);

        List<Thread> meanwhile = new ArrayList<>();
        boolean alone = batch.writeAloneIfIdle(() -> {
            batches.add(List.of(100));
            meanwhile.add(Thread.ofVirtual().start(() -> batch.submit(101)));
            while (meanwhile.getFirst().getState() != Thread.State.WAITING) Thread.onSpinWait();
        });
        meanwhile.getFirst().join(5_000);

        assertThat(alone).isTrue();
        assertThat(meanwhile.getFirst().isAlive()).as("the caller who came during the lone write is written").isFalse();
        assertThat(batches).containsExactly(List.of(0), List.of(100), List.of(101));
    }

    @Test
    void withoutALimitEveryoneWhoArrivedDuringABatchSharesTheNextOne() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        LeaderBatch<Boolean> checkpoints = new LeaderBatch<>(Integer.MAX_VALUE, committed -> {
            if (runs.incrementAndGet() == 1) {
                firstStarted.countDown();
                await(releaseFirst);
            }
        });
        Thread first = Thread.ofVirtual().start(() -> checkpoints.submit(true));
        await(firstStarted);
        List<Thread> later = new ArrayList<>();
        for (int i = 0; i < 50; i++) later.add(Thread.ofVirtual().start(() -> checkpoints.submit(true)));
        while (later.stream().anyMatch(t -> t.getState() != Thread.State.WAITING)) Thread.onSpinWait();

        releaseFirst.countDown();
        first.join(5_000);
        for (Thread t : later) t.join(5_000);

        assertThat(later).noneMatch(Thread::isAlive);
        assertThat(runs).as("one for the first caller, one shared by the fifty who came meanwhile").hasValue(2);
    }

    @Test
    void manyCallersAtOnceEachReturnWithTheirItemWrittenExactlyOnce() throws Exception {
        Set<Integer> written = ConcurrentHashMap.newKeySet();
        AtomicInteger twice = new AtomicInteger();
        LeaderBatch<Integer> batch = new LeaderBatch<>(8, items -> {
            for (Integer item : items) if (!written.add(item)) twice.incrementAndGet();
        });
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            int base = t * 20_000;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20_000; i++) {
                    try {
                        batch.submit(base + i);
                        if (!written.contains(base + i)) failures.add(new AssertionError("returned before written: " + (base + i)));
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            }));
        }
        for (Thread t : threads) t.join(60_000);

        assertThat(threads).noneMatch(Thread::isAlive);
        assertThat(failures).isEmpty();
        assertThat(twice).hasValue(0);
        assertThat(written).hasSize(120_000);
    }

    @Test
    void aFailedBatchFailsItsCallersAndTheNextCallerIsWritten() {
        List<String> stored = new ArrayList<>();
        LeaderBatch<String> batch = new LeaderBatch<>(10, items -> {
            if (items.contains("bad")) throw new IllegalStateException("refused");
            stored.addAll(items);
        });

        assertThatThrownBy(() -> batch.submit("bad")).hasMessage("refused");
        batch.submit("good");

        assertThat(stored).containsExactly("good");
    }

    /** A batch of at most {@code maxBatch} whose first write, of item 0, is under way until {@link #release}. */
    private static final class HeldFirstWrite {
        final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final LeaderBatch<Integer> batch;
        final Thread first;

        HeldFirstWrite(int maxBatch) {
            batch = new LeaderBatch<>(maxBatch, items -> {
                batches.add(items);
                if (batches.size() == 1) {
                    started.countDown();
                    await(release);
                }
            });
            first = Thread.ofVirtual().start(() -> batch.submit(0));
            await(started);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
