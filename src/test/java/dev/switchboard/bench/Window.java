package dev.switchboard.bench;

import java.util.Map;

/**
 * The measured window of a step as the calling thread sees it: sleeps until its start, reads the
 * server's CPU time (and its JIT compiler threads' part) and this process's, sleeps until its end,
 * reads again.
 */
record Window(long serverCpuMillis, long serverJitCpuMillis, long genCpuMillis, long millis, long serverRssKb) {

    static Window measure(long serverPid, long startNanos, long endNanos) throws InterruptedException {
        sleepUntil(startNanos);
        long server0 = ProcStats.cpuMillis(serverPid);
        Map<String, Long> jit0 = ProcStats.jitCpuMillis(serverPid);
        long gen0 = ProcStats.selfCpuMillis();
        long t0 = System.nanoTime();
        System.err.println("window open"); // bench/wakeups.sh reads the server's threads inside it
        sleepUntil(endNanos);
        long server1 = ProcStats.cpuMillis(serverPid);
        long jit = ProcStats.jitCpuBetween(jit0, ProcStats.jitCpuMillis(serverPid));
        long gen1 = ProcStats.selfCpuMillis();
        long millis = Math.max(1, (System.nanoTime() - t0) / 1_000_000);
        return new Window(server1 - server0, jit, gen1 - gen0, millis, ProcStats.status(serverPid, "VmRSS"));
    }

    static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) Thread.sleep(Math.max(1, Math.min(left / 1_000_000, 200)));
    }
}
