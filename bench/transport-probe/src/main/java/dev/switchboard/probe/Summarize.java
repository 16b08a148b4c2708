package dev.switchboard.probe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code RESULT k=v ...} lines written by {@link LoadDriver} (one per run) and prints a
 * Markdown table: per server the MEDIAN over its runs of each metric, and the ratio to Netty's median.
 */
public final class Summarize {
    private Summarize() {}

    private record Col(String key, String title, boolean ratio) {}

    private static final List<Col> COLS = List.of(
            new Col("rss_kb_per_conn", "RSS KB/idle conn", true),
            new Col("heap_kb_per_conn", "live heap KB/idle conn", true),
            new Col("srv_us_per_msg", "server CPU µs/msg", true),
            new Col("min:srv_us_per_msg", "best-run server CPU µs/msg", true),
            new Col("p50_us", "RTT p50 µs", true),
            new Col("p99_us", "RTT p99 µs", true),
            new Col("achieved_rate", "echo msg/s", false),
            new Col("rss0_mb", "RSS base MB", false),
            new Col("rss2_mb", "RSS after echo MB", true),
            new Col("threads", "threads @N", false),
            new Col("gen_cpu_pct", "generator CPU %", false),
            new Col("others_cpu_pct", "other procs CPU %", false));

    public static void main(String[] args) throws Exception {
        Map<String, List<Map<String, String>>> byServer = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (!line.startsWith("RESULT ")) continue;
            Map<String, String> kv = new LinkedHashMap<>();
            for (String tok : line.substring(7).trim().split("\\s+")) {
                int eq = tok.indexOf('=');
                if (eq > 0) kv.put(tok.substring(0, eq), tok.substring(eq + 1));
            }
            if (!kv.containsKey("p50_us")) continue; // incomplete run
            byServer.computeIfAbsent(kv.get("server"), k -> new ArrayList<>()).add(kv);
        }
        Map<String, Double> base = new LinkedHashMap<>();
        if (byServer.containsKey("netty")) {
            for (Col c : COLS) base.put(c.key, median(byServer.get("netty"), c.key));
        }
        StringBuilder sb = new StringBuilder("| server | runs |");
        for (Col c : COLS) sb.append(' ').append(c.title).append(" |");
        sb.append("\n|---|---|");
        for (Col c : COLS) sb.append("---:|");
        System.out.println(sb);
        for (var e : byServer.entrySet()) {
            sb = new StringBuilder("| ").append(e.getKey()).append(" | ").append(e.getValue().size()).append(" |");
            for (Col c : COLS) {
                double m = median(e.getValue(), c.key);
                sb.append(' ').append(fmt(m));
                Double b = base.get(c.key);
                if (c.ratio && b != null && b > 0 && !e.getKey().equals("netty")) {
                    sb.append(String.format(Locale.ROOT, " (%.2f×)", m / b));
                }
                sb.append(" |");
            }
            System.out.println(sb);
        }
        System.out.println();
        System.out.println("Per-run values (rss KB/conn; heap KB/conn; server µs/msg; p50 µs; p99 µs; other procs CPU %):");
        for (var e : byServer.entrySet()) {
            sb = new StringBuilder("  ").append(e.getKey()).append(':');
            for (Map<String, String> r : e.getValue()) {
                sb.append("  [").append(r.get("rss_kb_per_conn")).append("; ").append(r.get("heap_kb_per_conn"))
                        .append("; ").append(r.get("srv_us_per_msg")).append("; ").append(r.get("p50_us"))
                        .append("; ").append(r.get("p99_us")).append("; ").append(r.get("others_cpu_pct")).append(']');
            }
            System.out.println(sb);
        }
    }

    private static double median(List<Map<String, String>> runs, String key) {
        boolean min = key.startsWith("min:");
        if (min) key = key.substring(4);
        final String k = key;
        double[] v = runs.stream().map(r -> r.get(k)).filter(s -> s != null)
                .mapToDouble(Double::parseDouble).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        if (min) return v[0];
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String fmt(double d) {
        if (Double.isNaN(d)) return "–";
        return d >= 100 ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%.1f", d);
    }
}
