package dev.switchboard.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the generator reads about the server process and itself, from /proc (Linux). */
final class ProcStats {
    private static final long CLOCK_TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux x86-64 and arm64

    private ProcStats() {}

    /** utime + stime of process {@code pid} in milliseconds; 0 when pid is 0 or gone. */
    static long cpuMillis(long pid) {
        if (pid <= 0) return 0;
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
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
        try {
            Process p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
            Thread.sleep(300);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + jcmd, e);
        }
    }
}
