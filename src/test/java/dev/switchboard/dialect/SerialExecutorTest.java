package dev.switchboard.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
    private final ExecutorService backing = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        backing.shutdownNow();
    }

    @Test
    void runsTasksOneAfterAnotherInSubmissionOrder() throws Exception {
        SerialExecutor serial = new SerialExecutor(backing);
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < 1000; i++) {
            int n = i;
            serial.execute(() -> seen.add(n));
        }
        serial.execute(done::countDown);
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasSize(1000).isSorted();
    }

    @Test
    void refusesTasksBeyondTheLimitUntilTheQueueDrains() throws Exception {
        SerialExecutor serial = new SerialExecutor(backing);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch drained = new CountDownLatch(3);
        assertThat(serial.tryExecute(() -> {
            await(release);
            drained.countDown();
        }, 3)).isTrue();
        assertThat(serial.tryExecute(drained::countDown, 3)).isTrue();
        assertThat(serial.tryExecute(drained::countDown, 3)).isTrue();

        assertThat(serial.tryExecute(() -> { }, 3)).as("a fourth while three wait").isFalse();

        release.countDown();
        assertThat(drained.await(5, TimeUnit.SECONDS)).isTrue();
        CountDownLatch later = new CountDownLatch(1);
        assertThat(serial.tryExecute(later::countDown, 3)).as("room again once drained").isTrue();
        assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aClaimedTurnRunsOnTheCallerAndTasksSubmittedMeanwhileRunAfterItInOrder() throws Exception {
        SerialExecutor serial = new SerialExecutor(backing);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);

        assertThat(serial.tryClaim()).isTrue();
        assertThat(serial.tryClaim()).as("a second claim while the turn is taken").isFalse();
        serial.execute(() -> seen.add("queued 1"));
        serial.execute(() -> seen.add("queued 2"));
        seen.add("claimed");
        Thread.sleep(50); // the queued tasks would have run by now had they not waited for the turn
        assertThat(seen).containsExactly("claimed");
        serial.release();
        serial.execute(done::countDown);

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).containsExactly("claimed", "queued 1", "queued 2");
        awaitClaim(serial); // free again once drained
        serial.release();
    }

    @Test
    void aClaimedTurnThatContinuesElsewhereRunsItsTaskBeforeWhatWasQueuedMeanwhile() throws Exception {
        SerialExecutor serial = new SerialExecutor(backing);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        Thread caller = Thread.currentThread();
        List<Thread> ranOn = Collections.synchronizedList(new ArrayList<>());

        assertThat(serial.tryClaim()).isTrue();
        serial.execute(() -> seen.add("queued"));
        serial.continueWith(() -> {
            ranOn.add(Thread.currentThread());
            seen.add("continued");
        });
        serial.execute(done::countDown);

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).containsExactly("continued", "queued");
        assertThat(ranOn).doesNotContain(caller);
        awaitClaim(serial);
    }

    @Test
    void noTurnIsClaimedWhileTasksAreQueuedOrRunning() throws Exception {
        SerialExecutor serial = new SerialExecutor(backing);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        serial.execute(() -> {
            running.countDown();
            await(release);
        });
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(serial.tryClaim()).isFalse();

        release.countDown();
        CountDownLatch after = new CountDownLatch(1);
        serial.execute(after::countDown);
        assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
    }

    /** The drain ends just after its last task: the turn is free a moment later. */
    private static void awaitClaim(SerialExecutor serial) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!serial.tryClaim()) {
            assertThat(System.nanoTime()).as("the turn free within 5 s").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
