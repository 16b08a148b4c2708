package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCheckpointTest {
    @Test
    void aLoneCallerRunsItsOwnCheckpoint() {
        AtomicInteger runs = new AtomicInteger();
        GroupCheckpoint group = new GroupCheckpoint(runs::incrementAndGet);

        group.await();
        group.await();

        assertThat(runs).hasValue(2);
    }

    @Test
    void callersArrivingDuringACheckpointShareTheNextOne() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        GroupCheckpoint group = new GroupCheckpoint(() -> {
            if (runs.incrementAndGet() == 1) {
                firstStarted.countDown();
                await(releaseFirst);
            }
        });
        Thread first = Thread.ofVirtual().start(group::await);
        await(firstStarted);
        List<Thread> later = new ArrayList<>();
        for (int i = 0; i < 50; i++) later.add(Thread.ofVirtual().start(group::await));
        while (later.stream().anyMatch(t -> t.getState() != Thread.State.WAITING)) Thread.onSpinWait();

        releaseFirst.countDown();
        first.join(5_000);
        for (Thread t : later) t.join(5_000);

        assertThat(later).noneMatch(Thread::isAlive);
        assertThat(runs).as("one for the first caller, one shared by the fifty who came meanwhile").hasValue(2);
    }

    @Test
    void aFailedCheckpointFailsItsCallerAndTheNextCallerTriesAgain() {
        AtomicInteger runs = new AtomicInteger();
        GroupCheckpoint group = new GroupCheckpoint(() -> {
            if (runs.incrementAndGet() == 1) throw new IllegalStateException("disk full");
        });

        assertThatThrownBy(group::await).hasMessage("disk full");
        group.await();

        assertThat(runs).hasValue(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
