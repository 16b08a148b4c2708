package dev.switchboard.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the generator reads about the server process and itself, from /proc (Linux). */
final class ProcStats {
    private static final long CLOCK_TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux x86-64 and arm64

    private ProcStats() {}

    /** utime + stime of process {@code pid} in milliseconds; 0 when pid is 0 or gone. */
    static long cpuMillis(long pid) {
        if (pid <= 0) return 0;
        try {
            return statCpuMillis(Files.readString(Path.of("/proc/" + pid + "/stat")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** utime + stime in milliseconds from a /proc/.../stat line (of a process or one of its threads). */
    private static long statCpuMillis(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / CLOCK_TICKS_PER_SECOND;
    }

    /**
     * CPU time of the JVM's JIT compiler threads ({@code C1 CompilerThread*}, {@code C2 CompilerThread*})
     * in milliseconds, per thread id; empty for a process without them (Node).
     */
    static Map<String, Long> jitCpuMillis(long pid) {
        Map<String, Long> byThread = new HashMap<>();
        if (pid <= 0) return byThread;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) continue;
                    byThread.put(task.getFileName().toString(), statCpuMillis(stat));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return byThread;
        }
        return byThread;
    }

    /**
     * JIT CPU between two {@link #jitCpuMillis} readings: threads at both, plus threads started since. A
     * compiler thread that ended in between is left out, so the figure errs low, never high.
     */
    static long jitCpuBetween(Map<String, Long> before, Map<String, Long> after) {
        long sum = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        return Math.max(0, sum);
    }

    /** A field of /proc/pid/status in kB (VmRSS, VmHWM) or as a count (Threads); 0 when unknown. */
    static long status(long pid, String field) {
        if (pid <= 0) return 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** This JVM's CPU time in milliseconds (all threads, GC and JIT included). */
    static long selfCpuMillis() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime() / 1_000_000;
        return 0;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** A full GC in a JVM server ({@code jcmd <pid> GC.run}) so the RSS reading is not garbage-dominated. */
    static void fullGc(String jcmd, long pid) throws InterruptedException {
        if (jcmd == null || jcmd.isEmpty() || pid <= 0) return;
        run(jcmd, pid, "GC.run");
        Thread.sleep(300);
    }

    /**
     * Waits, at most {@code maxMillis}, until a JVM server's JIT compilers are idle: no compilation
     * running or queued ({@code jcmd <pid> Compiler.queue}). A compiler at work holds C-heap arenas of
     * up to ~20 MB (docs/performance.md, step 13), which a memory reading would count as the sockets'.
     * Returns how long it waited, -1 when the compilers were still busy at the end, or null without
     * {@code jcmd} or a server pid (not a JVM server, or not asked for).
     */
    static Long awaitIdleCompilers(String jcmd, long pid, long maxMillis) throws InterruptedException {
        if (jcmd == null || jcmd.isEmpty() || pid <= 0) return null;
        long start = System.nanoTime();
        while (true) {
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (compilersIdle(run(jcmd, pid, "Compiler.queue"))) return waited;
            if (waited >= maxMillis) return -1L;
            Thread.sleep(200);
        }
    }

    /** The JVM's count of compilations so far ({@code sun.ci.totalCompiles}); -1 without jcmd or that counter. */
    static long totalCompiles(String jcmd, long pid) throws InterruptedException {
        if (jcmd == null || jcmd.isEmpty() || pid <= 0) return -1;
        return perfCounter(run(jcmd, pid, "PerfCounter.print"), "sun.ci.totalCompiles");
    }

    /** A numeric counter of {@code jcmd PerfCounter.print} output ({@code name=value} lines); -1 when absent. */
    static long perfCounter(String output, String name) {
        for (String line : output.split("\\R")) {
            if (line.startsWith(name + "=")) {
                try {
                    return Long.parseLong(line.substring(name.length() + 1).strip());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /**
     * Whether {@code jcmd Compiler.queue} output shows no compilation: after the "Current compiles"
     * heading, only headings of compile queues, {@code Empty} and blank lines. Output without those
     * headings (an error, another JVM's format) counts as busy.
     */
    static boolean compilersIdle(String queueOutput) {
        boolean inSections = false;
        for (String line : queueOutput.split("\\R")) {
            String l = line.strip();
            if (l.startsWith("Current compiles") || l.endsWith("compile queue:")) {
                inSections = true;
            } else if (inSections && !l.isEmpty() && !l.equals("Empty")) {
                return false; // a compilation running or queued
            }
        }
        return inSections;
    }

    /** The command's output; through a file, so that a jcmd that hangs is given up after 30 s. */
    private static String run(String jcmd, long pid, String command) throws InterruptedException {
        Path out = null;
        try {
            out = Files.createTempFile("switchboard-jcmd-", ".txt");
            Process p = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + jcmd, e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }
}
