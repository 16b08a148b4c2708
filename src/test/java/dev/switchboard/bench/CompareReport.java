package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads bench/compare.sh's results.jsonl and prints the side-by-side Markdown table: the median
 * over rounds per server, the ratio Switchboard/Node, and issue 3's target with met / not met.
 * Usage: {@code CompareReport results.jsonl [machine.txt]}.
 */
public final class CompareReport {
    /** One row: a scenario's metric, and the target Switchboard must meet (null: none). */
    private record Row(String scenario, String metric, String label, Target target) {}

    /** {@code atMost} a bound, or {@code atLeastNode}: Switchboard ≥ Node's median. */
    private record Target(String text, Double atMost, Double exactly, boolean atLeastNode) {}

    private static final List<Row> ROWS = List.of(
            new Row("startup", "startupMillis", "start-up to first accepted connection, ms", new Target("< 1500", 1499.0, null, false)),
            new Row("connections", "serverKbPerSocket", "server RSS per idle socket at 10k, KB", new Target("≤ 5.5", 5.5, null, false)),
            new Row("connections", "failed", "sockets refused", new Target("0", null, 0.0, false)),
            new Row("connections", "rampMillis", "time to open them (2 generator processes), ms", null),
            new Row("hold-19900", "stillOpen", "sockets held of 19,900 (one server process)", new Target("19900", null, 19900.0, false)),
            new Row("pingpong-2k", "p50Ms", "2k msg/s: delivery p50, ms", null),
            new Row("pingpong-2k", "p99Ms", "2k msg/s: delivery p99, ms", new Target("≤ 10", 10.0, null, false)),
            new Row("pingpong-2k", "maxMs", "2k msg/s: delivery max, ms", null),
            new Row("pingpong-2k", "ackP99Ms", "2k msg/s: ack p99, ms", null),
            new Row("pingpong-2k", "achievedRate", "2k msg/s: achieved msg/s", null),
            new Row("pingpong-2k", "lost", "2k msg/s: lost", new Target("0", null, 0.0, false)),
            new Row("pingpong-2k", "ackErrors", "2k msg/s: refused (ack ok:false)", new Target("0", null, 0.0, false)),
            new Row("pingpong-2k", "serverCpuUsPerDelivery", "2k msg/s: server CPU µs per delivery", null),
            new Row("pingpong-2k", "serverCpuUsPerDeliveryNoJit", "2k msg/s: the same without the JVM's JIT compiler threads", null),
            new Row("pingpong-2k", "genCpuPercent", "2k msg/s: generator CPU %", null),
            new Row("pingpong-10k", "p50Ms", "10k msg/s: delivery p50, ms", null),
            new Row("pingpong-10k", "p99Ms", "10k msg/s: delivery p99, ms", new Target("≤ 25", 25.0, null, false)),
            new Row("pingpong-10k", "maxMs", "10k msg/s: delivery max, ms", null),
            new Row("pingpong-10k", "achievedRate", "10k msg/s: achieved msg/s", null),
            new Row("pingpong-10k", "lost", "10k msg/s: lost", new Target("0", null, 0.0, false)),
            new Row("pingpong-10k", "duplicated", "10k msg/s: duplicated", new Target("0", null, 0.0, false)),
            new Row("pingpong-10k", "ackErrors", "10k msg/s: refused (ack ok:false)", new Target("0", null, 0.0, false)),
            new Row("pingpong-10k", "serverCpuUsPerDelivery", "10k msg/s: server CPU µs per delivery", new Target("≤ 35", 35.0, null, false)),
            new Row("pingpong-10k", "serverCpuUsPerDeliveryNoJit", "10k msg/s: the same without the JVM's JIT compiler threads", null),
            new Row("pingpong-10k", "serverCpuPercent", "10k msg/s: server CPU %", null),
            new Row("pingpong-10k", "genCpuPercent", "10k msg/s: generator CPU %", null),
            new Row("fanout", "deliveriesPerSecond", "fan-out (one sender to one receiver's tabs, 10 msg/s; 1,000 tabs, --quick 100): deliveries/s", null),
            new Row("fanout", "p99Ms", "fan-out: delivery p99, ms", null),
            new Row("fanout", "maxMs", "fan-out: delivery max, ms", null),
            new Row("fanout", "lost", "fan-out: lost", new Target("0", null, 0.0, false)),
            new Row("fanout", "duplicated", "fan-out: duplicated", new Target("0", null, 0.0, false)),
            new Row("fanout", "serverCpuUsPerDelivery", "fan-out: server CPU µs per delivery", null),
            new Row("maxrate", "maxSustainedRate", "max sustained msg/s (p99 ≤ 50 ms, none lost)", new Target("≥ Node", null, null, true)));

    private CompareReport() {}

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, List<Double>> values = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        List<Double> loads = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.isBlank()) continue;
            JsonNode run = json.readTree(line);
            JsonNode r = run.get("result");
            String key = run.get("name").asText() + "/" + run.get("server").asText();
            if (r.has("error")) errors.add("round " + run.get("round") + " " + key + ": " + r.get("error").asText());
            if (r.has("loadAverage")) loads.add(r.get("loadAverage").asDouble());
            r.fields().forEachRemaining(f -> {
                if (f.getValue().isNumber()) values.computeIfAbsent(key + "/" + f.getKey(), k -> new ArrayList<>()).add(f.getValue().asDouble());
            });
        }
        StringBuilder out = new StringBuilder();
        if (args.length > 1) {
            out.append("```\n").append(Files.readString(Path.of(args[1])).strip()).append("\n```\n\n");
        }
        out.append("| measure | Switchboard | Node reference | ratio SB/Node | target (issue 3) | met |\n");
        out.append("|---|---:|---:|---:|---|---|\n");
        for (Row row : ROWS) {
            List<Double> sb = values.get(row.scenario() + "/switchboard/" + row.metric());
            List<Double> node = values.get(row.scenario() + "/node/" + row.metric());
            if (sb == null && node == null) continue;
            Double a = median(sb), b = median(node);
            out.append("| ").append(row.label()).append(" | ").append(cell(a, sb)).append(" | ").append(cell(b, node))
                    .append(" | ").append(a != null && b != null && b != 0 ? fmt(a / b) + "×" : "–")
                    .append(" | ").append(row.target() == null ? "" : row.target().text())
                    .append(" | ").append(met(row, a, b, median(values.get(row.scenario() + "/switchboard/lost"))))
                    .append(" |\n");
        }
        loads.sort(null);
        out.append("\nMedians over rounds (n = runs). Load average (1 min) at the end of the runs: ");
        out.append(loads.isEmpty() ? "?" : fmt(loads.get(0)) + "–" + fmt(loads.get(loads.size() - 1))).append(".\n");
        for (String e : errors) out.append("\n- ERROR ").append(e);
        System.out.println(out.toString().strip());
    }

    /**
     * A latency is only a figure when everything arrived: with messages lost (still queued when the
     * drain ended) the messages sent in the window may never have been delivered at all, and their
     * empty histogram reads 0.
     */
    private static String met(Row row, Double sb, Double node, Double lost) {
        Target t = row.target();
        if (t == null) return "";
        if (sb == null) return "not run";
        if (row.metric().endsWith("Ms") && lost != null && lost > 0) return "not met (messages lost)";
        if (t.atLeastNode()) return node == null ? "?" : sb >= node ? "met" : "not met";
        if (t.exactly() != null) return sb.doubleValue() == t.exactly() ? "met" : "not met";
        return sb <= t.atMost() ? "met" : "not met";
    }

    private static Double median(List<Double> v) {
        if (v == null || v.isEmpty()) return null;
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static String cell(Double median, List<Double> all) {
        return median == null ? "–" : fmt(median) + " (n=" + all.size() + ")";
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%,d", (long) v);
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.0f" : Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }
}
