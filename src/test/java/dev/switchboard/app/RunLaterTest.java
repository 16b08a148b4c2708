package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RunLaterTest {

    @Test
    void aTaskRunsOnAWorkerAfterItsDelay() throws Exception {
        var timers = Executors.newSingleThreadScheduledExecutor();
        ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
        try {
            CountDownLatch ran = new CountDownLatch(1);
            AtomicReference<Boolean> onVirtual = new AtomicReference<>();
            long start = System.nanoTime();
            Switchboard.runLater(timers, workers, () -> {
                onVirtual.set(Thread.currentThread().isVirtual());
                ran.countDown();
            }, Duration.ofMillis(50));
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
            assertThat(onVirtual.get()).as("ran on a worker, not on the timer thread").isTrue();
        } finally {
            timers.shutdownNow();
            workers.shutdownNow();
        }
    }

    @Test
    void aTaskAskedForWhileTheServerStopsIsDroppedWithoutAnError() {
        var timers = Executors.newSingleThreadScheduledExecutor();
        ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
        timers.shutdownNow();
        workers.shutdown();
        var dropped = Switchboard.runLater(timers, workers, () -> { }, Duration.ofSeconds(1)); // no RejectedExecutionException
        assertThat(dropped.isCancelled()).as("the caller sees a cancelled timer").isTrue();
    }
}
