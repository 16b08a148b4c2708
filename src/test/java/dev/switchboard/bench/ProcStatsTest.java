package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the generator makes of a JVM server's {@code jcmd <pid> Compiler.queue} and {@code PerfCounter.print} output. */
class ProcStatsTest {
    @Test
    void compilersAreIdleWhenNothingRunsAndEveryQueueIsEmpty() {
        assertThat(ProcStats.compilersIdle(queueOutput("", "Empty"))).isTrue();
    }

    @Test
    void aCompilationRunningOrQueuedMeansBusy() {
        String running = "C2 CompilerThread0    9876       4       org.h2.mvstore.MVMap::operate (512 bytes)";
        String queued = "   9877       4       org.h2.mvstore.Page::read (88 bytes)";

        assertThat(ProcStats.compilersIdle(queueOutput(running, "Empty"))).isFalse();
        assertThat(ProcStats.compilersIdle(queueOutput("", queued))).isFalse();
    }

    @Test
    void outputWithoutTheQueuesHeadingsCountsAsBusy() {
        assertThat(ProcStats.compilersIdle("4242:\nCommand not found: Compiler.queue\n")).isFalse();
        assertThat(ProcStats.compilersIdle("")).isFalse();
    }

    @Test
    void theCompilationCountIsReadFromThePerfCounters() {
        String output = "4242:\nsun.ci.lastMethod=\"com/sun/tools/javac/util/ListBuffer toList\"\n"
                + "sun.ci.totalCompiles=1100\nsun.ci.totalTime=123\n";

        assertThat(ProcStats.perfCounter(output, "sun.ci.totalCompiles")).isEqualTo(1100);
        assertThat(ProcStats.perfCounter(output, "sun.ci.missing")).isEqualTo(-1);
        assertThat(ProcStats.perfCounter("sun.ci.totalCompiles=many\n", "sun.ci.totalCompiles")).isEqualTo(-1);
    }

    /** The command's output as JDK 21 and 25 print it, with a current-compiles line and the C2 queue given. */
    private static String queueOutput(String currentCompile, String c2Queue) {
        return "4242:\nCurrent compiles: \n" + currentCompile + "\n\nC1 compile queue:\nEmpty\n\nC2 compile queue:\n"
                + c2Queue + "\n";
    }
}
