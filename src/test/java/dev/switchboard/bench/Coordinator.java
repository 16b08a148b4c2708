package dev.switchboard.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code --processes N}: forks N child generators (same JVM, flags and class path), each with its
 * share of the sockets and the rate. A child connects, prints {@code READY}, waits for {@code GO}
 * on its stdin, runs, and prints {@code RESULT <json>}; the parent reads the server between those
 * points and merges the children's counts and histograms.
 */
final class Coordinator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchOptions o;
    private final List<Process> children = new ArrayList<>();
    private final Map<Integer, Map<String, Object>> results = new ConcurrentHashMap<>();
    private final CountDownLatch ready;
    private final CountDownLatch done;

    Coordinator(BenchOptions o) {
        this.o = o;
        this.ready = new CountDownLatch(o.processes());
        this.done = new CountDownLatch(o.processes());
    }

    Map<String, Object> run() throws Exception {
        if (!o.scenario().equals("connections") && !o.scenario().equals("pingpong")) {
            throw new IllegalArgumentException("--processes splits connections and pingpong only");
        }
        try {
            Connections.Memory before = null;
            int warmedUp = 0;
            if (o.scenario().equals("connections")) {
                try (Clients clients = new Clients(o.host(), o.port(), 1)) {
                    warmedUp = Connections.warmUp(o, clients);
                }
                before = Connections.Memory.read(o);
            }
            spawn();
            await(ready, 600, "children connected");
            if (before != null) {
                Thread.sleep(o.holdSeconds() * 1000L);
                Connections.Memory after = Connections.Memory.read(o);
                go();
                await(done, 60, "children results");
                return mergeConnections(before, after, warmedUp);
            }
            go();
            long start = System.nanoTime() + 100_000_000L + o.warmupSeconds() * 1_000_000_000L;
            Window w = Window.measure(o.serverPid(), start, start + o.durationSeconds() * 1_000_000_000L);
            await(done, o.drainSeconds() + 120, "children results");
            StepCounts total = null;
            for (Map<String, Object> r : results.values()) {
                StepCounts c = StepCounts.fromJson(r);
                total = total == null ? c : total.merge(c);
            }
            return new PingPong.Step(o.rate(), total, w.serverCpuMillis(), w.serverJitCpuMillis(), w.millis())
                    .report(o.durationSeconds());
        } finally {
            for (Process p : children) {
                if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
            }
        }
    }

    private void spawn() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        int n = o.processes();
        int[] ones = new int[n];
        Arrays.fill(ones, 1);
        long[] conns = Pacer.split(o.connections(), ones);
        long[] pairs = Pacer.split(o.pairs(), ones);
        int[] pairWeights = new int[n];
        for (int i = 0; i < n; i++) pairWeights[i] = (int) pairs[i];
        long[] rates = Pacer.split(o.rate(), pairWeights);
        for (int i = 0; i < n; i++) {
            List<String> cmd = new ArrayList<>();
            cmd.add(java);
            cmd.addAll(jvm);
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(LoadGenerator.class.getName());
            cmd.addAll(o.childArgs(i, (int) conns[i], (int) Math.max(1, pairs[i]), (int) Math.max(1, rates[i])));
            if (System.getenv("BENCH_DEBUG") != null) System.err.println("child: " + cmd);
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            children.add(p);
            int index = i;
            Thread.ofPlatform().daemon().name("child-" + i).start(() -> read(index, p));
        }
    }

    private void read(int index, Process p) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("READY")) ready.countDown();
                if (line.startsWith("RESULT ")) {
                    results.put(index, JSON.readValue(line.substring(7), new TypeReference<Map<String, Object>>() {}));
                    done.countDown();
                }
            }
        } catch (IOException e) {
            System.err.println("child " + index + ": " + e);
        }
    }

    private void go() throws IOException {
        for (Process p : children) {
            Writer w = p.outputWriter(StandardCharsets.UTF_8);
            w.write("GO\n");
            w.flush();
        }
    }

    private void await(CountDownLatch latch, long seconds, String what) throws InterruptedException {
        while (!latch.await(1, TimeUnit.SECONDS)) {
            for (int i = 0; i < children.size(); i++) {
                if (!children.get(i).isAlive() && !results.containsKey(i) && !latch.await(2, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("child " + i + " exited before " + what);
                }
            }
            if ((seconds -= 1) <= 0) throw new IllegalStateException("timed out waiting for " + what);
        }
    }

    private Map<String, Object> mergeConnections(Connections.Memory before, Connections.Memory after, int warmedUp) {
        int opened = 0, held = 0, failed = 0;
        long ramp = 0, genCpu = 0;
        String firstError = null;
        for (Map<String, Object> r : results.values()) {
            opened += ((Number) r.get("sockets")).intValue();
            held += ((Number) r.get("stillOpen")).intValue();
            failed += ((Number) r.get("failed")).intValue();
            ramp = Math.max(ramp, ((Number) r.get("rampMillis")).longValue());
            genCpu += ((Number) r.get("genCpuMillis")).longValue();
            if (firstError == null) firstError = (String) r.get("firstError");
        }
        Map<String, Object> m = Connections.report(opened, held, failed, firstError, ramp, before, after);
        m.put("warmupSockets", warmedUp);
        m.put("genCpuMillis", genCpu);
        return m;
    }
}
