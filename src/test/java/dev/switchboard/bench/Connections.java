package dev.switchboard.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario {@code connections}: N idle authenticated sockets (N customers, one socket each) opened
 * in batches and held; the server's resident size (VmRSS) before and after, after a full GC when
 * {@code --jcmd} is given, gives memory per socket. Split over processes, the parent reads the
 * server and each child holds its share (see {@link Coordinator}).
 */
final class Connections {
    private final BenchOptions o;
    private final Clients clients;
    private List<SioConnection> open = List.of();

    Connections(BenchOptions o, Clients clients) {
        this.o = o;
        this.clients = clients;
    }

    Clients.Ramp connect() throws InterruptedException {
        HostTokens tokens = new HostTokens(o.jwtSecret());
        String tag = o.runId() + "p" + o.processIndex();
        List<Clients.Identity> users = new ArrayList<>(o.connections());
        int[] loopOf = new int[o.connections()];
        for (int i = 0; i < o.connections(); i++) {
            String id = "bench-" + tag + "-u" + i;
            users.add(new Clients.Identity(id, "customer", tokens.mint(id, "customer")));
            loopOf[i] = i % clients.threads();
        }
        Clients.Ramp ramp = clients.connect(users, loopOf, o.batch(), (c, p, now) -> { });
        open = ramp.open();
        return ramp;
    }

    /**
     * Opens and closes other users' sockets before the baseline ({@code --warmup-sockets}; by default a
     * fifth of the sockets, at most 2,000), so that the server's first-use costs (classes, the JIT's code
     * and arenas, caches, pools, the heap it grows into) are not charged to the sockets. With a tenth
     * (at most 500) the JIT still compiled the connection path during the measured ramp: ~5 MB more code
     * and compiler arenas at 10,000 sockets, half a KB per socket (docs/performance.md, step 22).
     */
    static int warmUp(BenchOptions o, Clients clients) throws InterruptedException {
        int n = o.warmupSockets() >= 0 ? o.warmupSockets() : Math.min(2_000, Math.max(1, o.connections() / 5));
        if (n == 0) return 0;
        BenchOptions w = new BenchOptions("connections", o.host(), o.port(), o.jwtSecret(), 0, o.threads(), 1, 0, false,
                n, o.batch(), 1, o.rates(), 0, 0, 1, 0, 0, 0, 1, o.messageBytes(), o.chats(), "", "", o.label(), o.runId() + "w");
        Connections warm = new Connections(w, clients);
        warm.connect();
        warm.close();
        Thread.sleep(1000);
        return n;
    }

    int stillOpen() {
        return (int) open.stream().filter(SioConnection::isOpen).count();
    }

    void close() {
        open.forEach(SioConnection::close);
    }

    /** The whole scenario in one process. */
    static Map<String, Object> runAlone(BenchOptions o, Clients clients) throws Exception {
        Connections c = new Connections(o, clients);
        int warmedUp = warmUp(o, clients);
        Memory before = Memory.read(o);
        Clients.Ramp ramp = c.connect();
        Thread.sleep(o.holdSeconds() * 1000L);
        Memory after = Memory.read(o);
        Map<String, Object> m = report(ramp.open().size(), c.stillOpen(), ramp.failed(), ramp.firstError(),
                ramp.millis(), before, after);
        m.put("warmupSockets", warmedUp);
        m.put("genCpuMillis", ProcStats.selfCpuMillis());
        c.close();
        return m;
    }

    /**
     * A reading of the server; {@code compilerWaitMillis}: how long it waited for an idle JIT (-1: gave
     * up; null: not a JVM server, or no {@code --jcmd}).
     */
    record Memory(long rssKb, long threads, Long compilerWaitMillis, int settles) {
        static final long MAX_COMPILER_WAIT_MILLIS = 30_000;
        /**
         * How long a reading waits after the full GC, for every server alike: Switchboard gives freed C heap
         * back to the OS every 5 s ({@code -XX:TrimNativeHeapInterval=5000}), and a compiler that finished
         * just before the reading had freed its arenas (tens of MB) without that yet; read at once, they
         * counted as the sockets' in some runs and not in others (docs/performance.md, step 17).
         */
        static final long SETTLE_MILLIS = 6_000;
        /**
         * The settling starts again, up to this many times, while the JIT compiled something during it: a
         * compilation's arenas (0–20 MB in NMT's "Arena Chunk" from one sample to the next) stay with the
         * process for seconds, and the idle sockets' heartbeats, spread over time since step 25, keep the JIT
         * compiling now and then; without this wait four processes read 3.2–7.3 KB per socket, with it
         * 2.9–4.1 (docs/performance.md, step 26).
         */
        static final int MAX_SETTLES = 5;

        static Memory read(BenchOptions o) throws InterruptedException {
            Long waited = ProcStats.awaitIdleCompilers(o.jcmd(), o.serverPid(), MAX_COMPILER_WAIT_MILLIS);
            ProcStats.fullGc(o.jcmd(), o.serverPid());
            long compiles = ProcStats.totalCompiles(o.jcmd(), o.serverPid());
            int settles = 0;
            while (settles < MAX_SETTLES) {
                Thread.sleep(SETTLE_MILLIS);
                settles++;
                long now = ProcStats.totalCompiles(o.jcmd(), o.serverPid());
                if (now < 0 || now == compiles) break;
                compiles = now;
            }
            return new Memory(ProcStats.status(o.serverPid(), "VmRSS"), ProcStats.status(o.serverPid(), "Threads"),
                    waited, settles);
        }
    }

    static Map<String, Object> report(int opened, int held, int failed, String firstError, long rampMillis,
            Memory before, Memory after) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sockets", opened);
        m.put("stillOpen", held);
        m.put("failed", failed);
        if (firstError != null) m.put("firstError", firstError);
        m.put("rampMillis", rampMillis);
        m.put("serverRssBeforeKb", before.rssKb());
        m.put("serverRssAfterKb", after.rssKb());
        m.put("serverKbPerSocket", held == 0 ? 0 : StepCounts.round((after.rssKb() - before.rssKb()) / (double) held));
        m.put("serverThreads", after.threads());
        if (after.compilerWaitMillis() != null) m.put("compilerWaitMillis", after.compilerWaitMillis());
        m.put("settles", before.settles() + "/" + after.settles()); // of the readings before and after
        return m;
    }
}
