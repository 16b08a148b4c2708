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

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
