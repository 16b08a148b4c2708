package dev.switchboard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's load generator: drives a running Socket.IO v4 server (Switchboard or the Node.js
 * reference) over Engine.IO v4 WebSockets with seed 004 events. Scenarios: {@code connections},
 * {@code pingpong}, {@code maxrate}, {@code fanout}, {@code startup}; see docs/performance.md.
 * Prints a readable summary, then one line {@code RESULT <json>} for scripts.
 */
public final class LoadGenerator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadGenerator() {}

    public static void main(String[] args) throws Exception {
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(64);
            return;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", o.scenario());
        result.put("label", o.label());
        int status = 0;
        try {
            if (o.child()) {
                runChild(o);
                System.exit(0);
            }
            result.putAll(run(o));
        } catch (Exception e) {
            result.put("error", String.valueOf(e));
            status = 2;
        }
        result.put("loadAverage", ProcStats.loadAverage());
        print(result, System.out);
        System.out.flush();
        System.exit(status);
    }

    /** Runs one scenario in this process (or as the parent of {@code --processes} children). */
    public static Map<String, Object> run(BenchOptions o) throws Exception {
        if (o.processes() > 1) return new Coordinator(o).run();
        try (Clients clients = new Clients(o.host(), o.port(), o.threads())) {
            switch (o.scenario()) {
                case "connections" -> {
                    return Connections.runAlone(o, clients);
                }
                case "startup" -> {
                    return Startup.run(o, clients);
                }
                case "fanout" -> {
                    Fanout f = new Fanout(o, clients);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("tabs", o.tabs());
                    m.put("connectMillis", f.connect().millis());
                    m.putAll(f.run().report(o.durationSeconds()));
                    return m;
                }
                default -> {
                    return pingPong(o, clients);
                }
            }
        }
    }

    /** pingpong: one step at --rate; maxrate: the ladder of --rate values until a step fails. */
    private static Map<String, Object> pingPong(BenchOptions o, Clients clients) throws Exception {
        PingPong pp = new PingPong(o, clients);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pairs", o.pairs());
        m.put("connectMillis", pp.connect().millis());
        if (o.scenario().equals("pingpong")) {
            m.putAll(pp.run(o.rate()).report(o.durationSeconds()));
            pp.close();
            return m;
        }
        List<Map<String, Object>> steps = new ArrayList<>();
        int best = 0;
        for (int rate : o.rates()) {
            PingPong.Step step = pp.run(rate);
            Map<String, Object> r = step.report(o.durationSeconds());
            boolean pass = step.counts().clean()
                    && step.counts().delivery().percentileMillis(0.99) <= o.p99LimitMillis()
                    && ((Number) r.get("achievedRate")).doubleValue() >= 0.95 * rate;
            r.put("pass", pass);
            steps.add(r);
            System.err.printf("maxrate %s: %d msg/s -> %s (p99 %.1f ms, lost %d, achieved %s)%n", o.label(), rate,
                    pass ? "pass" : "FAIL", step.counts().delivery().percentileMillis(0.99), step.counts().lost(), r.get("achievedRate"));
            if (!pass) break;
            best = rate;
            Thread.sleep(1000);
        }
        pp.close();
        m.put("maxSustainedRate", best);
        m.put("p99LimitMs", o.p99LimitMillis());
        m.put("steps", steps);
        return m;
    }

    private static void runChild(BenchOptions o) throws Exception {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Map<String, Object> out = new LinkedHashMap<>();
        try (Clients clients = new Clients(o.host(), o.port(), o.threads())) {
            if (o.scenario().equals("connections")) {
                Connections c = new Connections(o, clients);
                Clients.Ramp ramp = c.connect();
                System.out.println("READY");
                System.out.flush();
                stdin.readLine();
                out.put("sockets", ramp.open().size());
                out.put("stillOpen", c.stillOpen());
                out.put("failed", ramp.failed());
                out.put("firstError", ramp.firstError());
                out.put("rampMillis", ramp.millis());
                out.put("genCpuMillis", ProcStats.selfCpuMillis());
                c.close();
            } else {
                PingPong pp = new PingPong(o, clients);
                pp.connect();
                System.out.println("READY");
                System.out.flush();
                stdin.readLine();
                out.putAll(pp.run(o.rate()).counts().toJson());
                pp.close();
            }
        }
        System.out.println("RESULT " + JSON.writeValueAsString(out));
        System.out.flush();
    }

    static void print(Map<String, Object> result, PrintStream out) throws Exception {
        out.println("== " + result.get("scenario") + " against " + result.get("label"));
        result.forEach((k, v) -> {
            if (v instanceof List<?> list) {
                for (Object step : list) out.printf("  %-24s %s%n", k, step);
            } else {
                out.printf("  %-24s %s%n", k, v);
            }
        });
        out.println("RESULT " + JSON.writeValueAsString(result));
    }
}
