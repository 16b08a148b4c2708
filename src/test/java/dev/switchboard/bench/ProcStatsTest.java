package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the generator makes of a JVM server's {@code jcmd <pid> Compiler.queue} output. */
class ProcStatsTest {
    @Test
    void compilersAreIdleWhenNothingRunsAndEveryQueueIsEmpty() {
        assertThat(ProcStats.compilersIdle("""
                4242:
                Current compiles:\s

                C1 compile queue:
                Empty

                C2 compile queue:
                Empty
                """)).isTrue();
    }

    @Test
    void aCompilationRunningOrQueuedMeansBusy() {
        assertThat(ProcStats.compilersIdle("""
                4242:
                Current compiles:\s
                C2 CompilerThread0    9876       4       org.h2.mvstore.MVMap::operate (512 bytes)

                C1 compile queue:
                Empty

                C2 compile queue:
                Empty
                """)).isFalse();
        assertThat(ProcStats.compilersIdle("""
                4242:
                Current compiles:\s

                C1 compile queue:
                Empty

                C2 compile queue:
                   9877       4       org.h2.mvstore.Page::read (88 bytes)
                """)).isFalse();
    }

    @Test
    void outputWithoutTheQueuesHeadingsCountsAsBusy() {
        assertThat(ProcStats.compilersIdle("4242:\nCommand not found: Compiler.queue\n")).isFalse();
        assertThat(ProcStats.compilersIdle("")).isFalse();
    }
}
