package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads bench/compare.sh's results.jsonl and prints the side-by-side Markdown table: the median
 * over rounds per server, the ratios Switchboard/Node and, when the file has runs of the bare relay
 * (bench/node-reference/relay.js), its column and Switchboard/relay, and issue 3's target with
 * met / not met. A file without relay runs prints the two-server table.
 * Usage: {@code CompareReport results.jsonl [machine.txt]}.
 */
public final class CompareReport {
    /** One row: a scenario's metric, and the target Switchboard must meet (null: none). */
    private record Row(String scenario, String metric, String label, Target target) {}

    /** What a target compares Switchboard's median with: a fixed bound, or another server's median of the same run. */
    private enum Versus { BOUND, AT_LEAST_NODE, AT_MOST_RELAY }

    /** {@code atMost} a bound, {@code exactly} a value, or Switchboard against another server's median. */
    private record Target(String text, Double atMost, Double exactly, Versus versus) {
        static Target atMost(String text, double bound) {
            return new Target(text, bound, null, Versus.BOUND);
        }

        static Target exactly(String text, double value) {
            return new Target(text, null, value, Versus.BOUND);
        }

        static Target atLeastNode() {
            return new Target("≥ Node", null, null, Versus.AT_LEAST_NODE);
        }

        static Target atMostRelay() {
            return new Target("≤ relay", null, null, Versus.AT_MOST_RELAY);
        }
    }

    private static final List<Row> ROWS = concat(List.of(
            new Row("startup", "startupMillis", "start-up to first accepted connection, ms", Target.atMost("< 1500", 1499.0)),
            new Row("connections", "serverKbPerSocket", "server RSS per idle socket at 10k, KB", Target.atMost("≤ 5.5", 5.5)),
            new Row("connections", "failed", "sockets refused", Target.exactly("0", 0.0)),
            new Row("connections", "rampMillis", "time to open them (2 generator processes), ms", null),
            new Row("hold-19900", "stillOpen", "sockets held of 19,900 (one server process)", Target.exactly("19900", 19900.0)),
            new Row("pingpong-2k", "p50Ms", "2k msg/s: delivery p50, ms", null),
            new Row("pingpong-2k", "p99Ms", "2k msg/s: delivery p99, ms", Target.atMost("≤ 10", 10.0)),
            new Row("pingpong-2k", "maxMs", "2k msg/s: delivery max, ms", null),
            new Row("pingpong-2k", "ackP99Ms", "2k msg/s: ack p99, ms", null),
            new Row("pingpong-2k", "achievedRate", "2k msg/s: achieved msg/s", null),
            new Row("pingpong-2k", "lost", "2k msg/s: lost", Target.exactly("0", 0.0)),
            new Row("pingpong-2k", "ackErrors", "2k msg/s: refused (ack ok:false)", Target.exactly("0", 0.0)),
            new Row("pingpong-2k", "serverCpuUsPerDelivery", "2k msg/s: server CPU µs per delivery", null),
            new Row("pingpong-2k", "serverCpuUsPerDeliveryNoJit", "2k msg/s: the same without the JVM's JIT compiler threads", null),
            new Row("pingpong-2k", "genCpuPercent", "2k msg/s: generator CPU %", null),
            new Row("pingpong-10k", "p50Ms", "10k msg/s: delivery p50, ms", null),
            new Row("pingpong-10k", "p99Ms", "10k msg/s: delivery p99, ms", Target.atMost("≤ 25", 25.0)),
            new Row("pingpong-10k", "maxMs", "10k msg/s: delivery max, ms", null),
            new Row("pingpong-10k", "achievedRate", "10k msg/s: achieved msg/s", null),
            new Row("pingpong-10k", "lost", "10k msg/s: lost", Target.exactly("0", 0.0)),
            new Row("pingpong-10k", "duplicated", "10k msg/s: duplicated", Target.exactly("0", 0.0)),
            new Row("pingpong-10k", "ackErrors", "10k msg/s: refused (ack ok:false)", Target.exactly("0", 0.0))),
            cpuPerDelivery("pingpong-10k", "10k msg/s"),
            List.of(
            new Row("pingpong-10k", "serverCpuPercent", "10k msg/s: server CPU %", null),
            new Row("pingpong-10k", "genCpuPercent", "10k msg/s: generator CPU %", null),
            new Row("pingpong-10k-warm", "p99Ms", "10k msg/s again, same server after its first 10k run, new pairs: delivery p99, ms",
                    Target.atMost("≤ 25", 25.0)),
            new Row("pingpong-10k-warm", "maxMs", "10k msg/s again: delivery max, ms", null),
            new Row("pingpong-10k-warm", "lost", "10k msg/s again: lost", Target.exactly("0", 0.0)),
            new Row("pingpong-10k-warm", "duplicated", "10k msg/s again: duplicated", Target.exactly("0", 0.0))),
            cpuPerDelivery("pingpong-10k-warm", "10k msg/s again"),
            List.of(
            new Row("fanout", "deliveriesPerSecond", "fan-out (one sender to one receiver's tabs, 10 msg/s; 1,000 tabs, --quick 100): deliveries/s", null),
            new Row("fanout", "p99Ms", "fan-out: delivery p99, ms", null),
            new Row("fanout", "maxMs", "fan-out: delivery max, ms", null),
            new Row("fanout", "lost", "fan-out: lost", Target.exactly("0", 0.0)),
            new Row("fanout", "duplicated", "fan-out: duplicated", Target.exactly("0", 0.0)),
            new Row("fanout", "serverCpuUsPerDelivery", "fan-out: server CPU µs per delivery", null),
            new Row("support-10k", "p99Ms", "support chats (Switchboard only), 10k msg/s: delivery p99, ms", null),
            new Row("support-10k", "maxMs", "support chats, 10k msg/s: delivery max, ms", null),
            new Row("support-10k", "lost", "support chats, 10k msg/s: lost", Target.exactly("0", 0.0)),
            new Row("support-10k", "duplicated", "support chats, 10k msg/s: duplicated", Target.exactly("0", 0.0)),
            new Row("support-10k", "serverCpuUsPerDelivery", "support chats, 10k msg/s: server CPU µs per delivery", null),
            new Row("support-10k-warm", "p99Ms", "support chats, 10k msg/s again: delivery p99, ms", null),
            new Row("support-10k-warm", "lost", "support chats, 10k msg/s again: lost", Target.exactly("0", 0.0)),
            new Row("support-10k-warm", "serverCpuUsPerDelivery", "support chats, 10k msg/s again: server CPU µs per delivery", null),
            new Row("maxrate", "maxSustainedRate", "max sustained msg/s (p99 ≤ 50 ms, none lost; after 2k msg/s unmeasured)", Target.atLeastNode())));

    /** Issue 3's CPU rows of a 10k scenario: the absolute bound, the relay of the same run, and the figure without the JIT. */
    private static List<Row> cpuPerDelivery(String scenario, String label) {
        return List.of(
                new Row(scenario, "serverCpuUsPerDelivery", label + ": server CPU µs per delivery", Target.atMost("≤ 35", 35.0)),
                new Row(scenario, "serverCpuUsPerDelivery", label + ": server CPU per delivery vs the bare relay (same run)",
                        Target.atMostRelay()),
                new Row(scenario, "serverCpuUsPerDeliveryNoJit", label + ": the same without the JVM's JIT compiler threads", null));
    }

    @SafeVarargs
    private static List<Row> concat(List<Row>... parts) {
        return Arrays.stream(parts).flatMap(List::stream).toList();
    }

    private CompareReport() {}

    public static void main(String[] args) throws Exception {
        String machine = args.length > 1 ? Files.readString(Path.of(args[1])) : null;
        System.out.println(report(Files.readAllLines(Path.of(args[0])), machine));
    }

    /** The table for the lines of a results.jsonl, after {@code machine} (machine.txt; null: none). */
    static String report(List<String> results, String machine) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, List<Double>> values = new LinkedHashMap<>();
        Set<String> servers = new HashSet<>();
        List<String> errors = new ArrayList<>();
        List<Double> loads = new ArrayList<>();
        for (String line : results) {
            if (line.isBlank()) continue;
            JsonNode run = json.readTree(line);
            JsonNode r = run.get("result");
            servers.add(run.get("server").asText());
            String key = run.get("name").asText() + "/" + run.get("server").asText();
            if (r.has("error")) errors.add("round " + run.get("round") + " " + key + ": " + r.get("error").asText());
            if (r.has("loadAverage")) loads.add(r.get("loadAverage").asDouble());
            r.fields().forEachRemaining(f -> {
                if (f.getValue().isNumber()) values.computeIfAbsent(key + "/" + f.getKey(), k -> new ArrayList<>()).add(f.getValue().asDouble());
            });
        }
        boolean withRelay = servers.contains("relay");
        StringBuilder out = new StringBuilder();
        if (machine != null) out.append("```\n").append(machine.strip()).append("\n```\n\n");
        if (withRelay) {
            out.append("| measure | Switchboard | Node reference | bare ws relay | ratio SB/Node | ratio SB/relay | target (issue 3) | met |\n");
            out.append("|---|---:|---:|---:|---:|---:|---|---|\n");
        } else {
            out.append("| measure | Switchboard | Node reference | ratio SB/Node | target (issue 3) | met |\n");
            out.append("|---|---:|---:|---:|---|---|\n");
        }
        for (Row row : ROWS) {
            List<Double> sb = values.get(row.scenario() + "/switchboard/" + row.metric());
            List<Double> node = values.get(row.scenario() + "/node/" + row.metric());
            List<Double> relay = values.get(row.scenario() + "/relay/" + row.metric());
            if (sb == null && node == null && relay == null) continue;
            boolean versusRelay = row.target() != null && row.target().versus() == Versus.AT_MOST_RELAY;
            if (versusRelay && relay == null) continue; // no relay in this run: nothing to compare with
            Double a = median(sb), b = median(node), c = median(relay);
            boolean worst = WORST_ROUND.contains(row.metric());
            List<String> cells = new ArrayList<>(List.of(row.label(), cell(a, sb, worst), cell(b, node, worst)));
            if (withRelay) cells.add(cell(c, relay, worst));
            cells.add(ratio(a, b));
            if (withRelay) cells.add(ratio(a, c));
            cells.add(row.target() == null ? "" : row.target().text());
            // a count of failures is met only if every round met it; a latency counts when nothing was lost
            Double judged = worst ? max(sb) : a;
            cells.add(met(row, judged, b, c, max(values.get(row.scenario() + "/switchboard/lost"))));
            out.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        loads.sort(null);
        out.append("\nMedians over rounds (n = runs). Load average (1 min) at the end of the runs: ");
        out.append(loads.isEmpty() ? "?" : fmt(loads.get(0)) + "–" + fmt(loads.get(loads.size() - 1))).append(".\n");
        for (String e : errors) out.append("\n- ERROR ").append(e);
        return out.toString().strip();
    }

    /**
     * A latency is only a figure when everything arrived: with messages lost (still queued when the
     * drain ended) the messages sent in the window may never have been delivered at all, and their
     * empty histogram reads 0.
     */
    private static String met(Row row, Double sb, Double node, Double relay, Double lost) {
        Target t = row.target();
        if (t == null) return "";
        if (sb == null) return "not run";
        if (row.metric().endsWith("Ms") && lost != null && lost > 0) return "not met (messages lost)";
        return switch (t.versus()) {
            case AT_LEAST_NODE -> node == null ? "?" : sb >= node ? "met" : "not met";
            case AT_MOST_RELAY -> relay == null ? "?" : sb <= relay ? "met" : "not met";
            case BOUND -> t.exactly() != null ? (sb.doubleValue() == t.exactly() ? "met" : "not met")
                    : sb <= t.atMost() ? "met" : "not met";
        };
    }

    private static String ratio(Double a, Double b) {
        return a != null && b != null && b != 0 ? fmt(a / b) + "×" : "–";
    }

    /** Counts of failures: judged by their worst round, since one round that lost messages is not made good by two that did not. */
    private static final Set<String> WORST_ROUND = Set.of("lost", "duplicated", "ackErrors", "missingAcks", "failed");

    private static Double max(List<Double> v) {
        return v == null || v.isEmpty() ? null : v.stream().max(Double::compare).orElseThrow();
    }

    private static Double median(List<Double> v) {
        if (v == null || v.isEmpty()) return null;
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static String cell(Double median, List<Double> all, boolean worst) {
        if (median == null) return "–";
        Double max = max(all);
        String n = worst && max > median ? "n=" + all.size() + ", worst " + fmt(max) : "n=" + all.size();
        return fmt(median) + " (" + n + ")";
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%,d", (long) v);
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.0f" : Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }
}
