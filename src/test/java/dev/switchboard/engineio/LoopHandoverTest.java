package dev.switchboard.engineio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.DefaultEventLoop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real Netty loops that count the tasks handed to them; the handovers run on virtual threads, as in the server. */
class LoopHandoverTest {
    private final CountingLoop first = new CountingLoop();
    private final CountingLoop second = new CountingLoop();
    private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        virtualThreads.shutdownNow();
        first.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        second.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
    }

    @Test
    void whatAnEventGivesToALoopArrivesAsOneTaskInTheOrderGivenAfterTheEventIsDone() throws Exception {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch allRan = new CountDownLatch(5);
        onVirtualThread(() -> LoopHandover.around(() -> {
            for (String name : List.of("ack", "receive-1", "receive-2")) {
                assertThat(LoopHandover.defer(first, () -> {
                    ran.add("first " + name);
                    allRan.countDown();
                })).isTrue();
            }
            for (String name : List.of("receive-a", "receive-b")) {
                LoopHandover.defer(second, () -> {
                    ran.add("second " + name);
                    allRan.countDown();
                });
            }
            sleepMillis(100);
            assertThat(ran).as("nothing leaves while the event is handled").isEmpty();
        }));

        assertThat(allRan.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran.stream().filter(r -> r.startsWith("first")).toList())
                .containsExactly("first ack", "first receive-1", "first receive-2");
        assertThat(ran.stream().filter(r -> r.startsWith("second")).toList())
                .containsExactly("second receive-a", "second receive-b");
        assertThat(first.tasks.get()).as("tasks handed to the first loop").isEqualTo(1);
        assertThat(second.tasks.get()).as("tasks handed to the second loop").isEqualTo(1);
    }

    @Test
    void aThreadWithoutAnOpenHandoverHandsEachTaskOverAtOnce() throws Exception {
        CountDownLatch ran = new CountDownLatch(2);
        onVirtualThread(() -> {
            assertThat(LoopHandover.defer(first, ran::countDown)).isFalse();
            LoopHandover.execute(first, ran::countDown);
            LoopHandover.execute(first, ran::countDown);
            assertThat(await(ran)).as("both ran while this thread still works").isTrue();
        });
        assertThat(first.tasks.get()).isEqualTo(2);
    }

    @Test
    void aFailingEventStillHandsOverWhatItGaveBeforeFailing() throws Exception {
        CountDownLatch ran = new CountDownLatch(2);
        onVirtualThread(() -> assertThatThrownBy(() -> LoopHandover.around(() -> {
            LoopHandover.defer(first, ran::countDown);
            LoopHandover.defer(first, ran::countDown);
            throw new IllegalStateException("the handler failed");
        })).hasMessage("the handler failed"));
        assertThat(await(ran)).isTrue();
        assertThat(LoopHandover.defer(first, () -> { })).as("the handover is closed after the event").isFalse();
    }

    @Test
    void aFailingTaskDoesNotKeepTheTasksAfterItFromRunning() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        onVirtualThread(() -> LoopHandover.around(() -> {
            LoopHandover.defer(first, () -> {
                throw new IllegalStateException("a write that fails");
            });
            LoopHandover.defer(first, ran::countDown);
        }));
        assertThat(await(ran)).isTrue();
    }

    @Test
    void aNestedEventJoinsTheOuterHandover() throws Exception {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch allRan = new CountDownLatch(2);
        onVirtualThread(() -> LoopHandover.around(() -> {
            LoopHandover.around(() -> LoopHandover.defer(first, () -> {
                ran.add("inner");
                allRan.countDown();
            }));
            sleepMillis(50);
            assertThat(ran).as("the inner one waits for the outer one").isEmpty();
            LoopHandover.defer(first, () -> {
                ran.add("outer");
                allRan.countDown();
            });
        }));
        assertThat(await(allRan)).isTrue();
        assertThat(ran).containsExactly("inner", "outer");
        assertThat(first.tasks.get()).isEqualTo(1);
    }

    @Test
    void aLoopThatIsShuttingDownIsSkippedWithoutFailingTheEvent() throws Exception {
        first.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).await(5, TimeUnit.SECONDS);
        CountDownLatch ran = new CountDownLatch(1);
        onVirtualThread(() -> LoopHandover.around(() -> {
            LoopHandover.defer(first, () -> { });
            LoopHandover.defer(second, ran::countDown);
        }));
        assertThat(await(ran)).isTrue();
    }

    private void onVirtualThread(Runnable body) throws Exception {
        Future<?> done = virtualThreads.submit(body);
        done.get(10, TimeUnit.SECONDS); // rethrows what failed inside, assertions included
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A Netty event loop that counts the tasks handed to it from outside. */
    private static final class CountingLoop extends DefaultEventLoop {
        final AtomicInteger tasks = new AtomicInteger();

        @Override
        public void execute(Runnable task) {
            if (!inEventLoop()) tasks.incrementAndGet();
            super.execute(task);
        }
    }
}
