package dev.switchboard.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load generator's flags, parsed once and validated on construction. Every flag is
 * {@code --name value}; {@link #usage()} lists them with their defaults.
 */
public record BenchOptions(
        String scenario,
        String host,
        int port,
        String jwtSecret,
        long serverPid,
        int threads,
        int processes,
        int processIndex,
        boolean child,
        int connections,
        int batch,
        int pairs,
        List<Integer> rates,
        double p99LimitMillis,
        int warmupSeconds,
        int durationSeconds,
        int drainSeconds,
        int holdSeconds,
        int warmupSockets,
        int tabs,
        int messageBytes,
        String chats,
        String jcmd,
        String serverCommand,
        String label,
        String runId) {

    static final Map<String, String> DEFAULTS = defaults();

    public BenchOptions {
        if (!List.of("connections", "pingpong", "maxrate", "fanout", "startup").contains(scenario)) {
            throw new IllegalArgumentException("unknown --scenario " + scenario + "\n" + usage());
        }
        if (!host.startsWith("127.") && !host.equals("localhost") && !host.equals("::1")) {
            throw new IllegalArgumentException("--host must be a loopback address: " + host);
        }
        if (jwtSecret.length() < 32) throw new IllegalArgumentException("--jwt-secret needs at least 32 bytes");
        if (threads < 1 || processes < 1 || connections < 1 || pairs < 1 || batch < 1 || tabs < 1) {
            throw new IllegalArgumentException("counts must be positive");
        }
        if (connections / processes > 9_500 || 2 * pairs / processes > 9_500 || tabs / processes > 9_500) {
            throw new IllegalArgumentException("more than 9,500 sockets per process (file limit 20,000): add --processes");
        }
        if (rates.isEmpty() || rates.stream().anyMatch(r -> r < 1)) throw new IllegalArgumentException("--rate must be >= 1");
        if (durationSeconds < 1 || durationSeconds > 600 || warmupSeconds < 0 || warmupSeconds > 120
                || drainSeconds < 0 || drainSeconds > 120 || holdSeconds < 0 || holdSeconds > 600) {
            throw new IllegalArgumentException("times out of range (duration 1-600 s, warm-up/drain 0-120 s, hold 0-600 s)");
        }
        if (warmupSockets < -1 || warmupSockets > 9_500) {
            throw new IllegalArgumentException("--warmup-sockets 0-9500, or -1 for a fifth of --connections (at most 2,000)");
        }
        if (messageBytes < 24 || messageBytes > 10_000) throw new IllegalArgumentException("--message-bytes 24-10000");
        if (!List.of("direct", "support").contains(chats)) throw new IllegalArgumentException("--chats direct or support");
        rates = List.copyOf(rates);
    }

    public int rate() {
        return rates.get(0);
    }

    public static BenchOptions parse(String... args) {
        Map<String, String> m = new LinkedHashMap<>(DEFAULTS);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) throw new IllegalArgumentException("unexpected argument " + a + "\n" + usage());
            String key = a.substring(2);
            if (key.equals("help")) throw new IllegalArgumentException(usage());
            if (!m.containsKey(key)) throw new IllegalArgumentException("unknown flag --" + key + "\n" + usage());
            if (key.equals("child")) {
                m.put(key, "true");
                continue;
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException("--" + key + " needs a value");
            m.put(key, args[++i]);
        }
        List<Integer> rates = new ArrayList<>();
        for (String r : m.get("rate").split(",")) rates.add(Integer.parseInt(r.trim()));
        String secret = m.get("jwt-secret").isEmpty() ? System.getenv().getOrDefault("JWT_SECRET", "") : m.get("jwt-secret");
        return new BenchOptions(m.get("scenario"), m.get("host"), Integer.parseInt(m.get("port")), secret,
                Long.parseLong(m.get("server-pid")), Integer.parseInt(m.get("threads")),
                Integer.parseInt(m.get("processes")), Integer.parseInt(m.get("process-index")),
                Boolean.parseBoolean(m.get("child")), Integer.parseInt(m.get("connections")),
                Integer.parseInt(m.get("batch")), Integer.parseInt(m.get("pairs")), rates,
                Double.parseDouble(m.get("p99-limit-ms")), Integer.parseInt(m.get("warmup")),
                Integer.parseInt(m.get("duration")), Integer.parseInt(m.get("drain")),
                Integer.parseInt(m.get("hold")), Integer.parseInt(m.get("warmup-sockets")), Integer.parseInt(m.get("tabs")),
                Integer.parseInt(m.get("message-bytes")), m.get("chats"), m.get("jcmd"), m.get("server-command"),
                m.get("label"), m.get("run-id").isEmpty() ? Long.toString(System.currentTimeMillis(), 36) : m.get("run-id"));
    }

    /** The flags a child process gets: the same, with its share of the load. */
    List<String> childArgs(int index, int connectionsShare, int pairsShare, int rateShare) {
        return List.of("--scenario", scenario, "--host", host, "--port", Integer.toString(port),
                "--jwt-secret", jwtSecret, "--threads", Integer.toString(threads),
                "--process-index", Integer.toString(index), "--child",
                "--connections", Integer.toString(connectionsShare), "--batch", Integer.toString(batch),
                "--pairs", Integer.toString(pairsShare), "--rate", Integer.toString(rateShare),
                "--warmup", Integer.toString(warmupSeconds), "--duration", Integer.toString(durationSeconds),
                "--drain", Integer.toString(drainSeconds), "--hold", Integer.toString(holdSeconds),
                "--message-bytes", Integer.toString(messageBytes), "--chats", chats, "--label", label, "--run-id", runId);
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("scenario", "pingpong");          // connections | pingpong | maxrate | fanout | startup
        d.put("host", "127.0.0.1");
        d.put("port", "5000");
        d.put("jwt-secret", "");                // default: the JWT_SECRET environment variable
        d.put("server-pid", "0");               // server process for /proc CPU and memory; 0 = not measured
        d.put("threads", "2");                  // client event-loop threads per process
        d.put("processes", "1");                // split the sockets (connections, pingpong) over child JVMs
        d.put("process-index", "0");
        d.put("child", "false");
        d.put("connections", "1000");           // connections: idle sockets to hold
        d.put("batch", "250");                  // sockets opened per batch (each batch waits for its handshakes)
        d.put("pairs", "1000");                 // pingpong/maxrate: customer-agent pairs
        d.put("rate", "2000");                  // offered messages/s in total; maxrate: a comma-separated ladder
        d.put("p99-limit-ms", "50");            // maxrate: a step passes with p99 <= this and nothing lost
        d.put("warmup", "3");                   // seconds sent but not measured
        d.put("duration", "10");                // measured seconds
        d.put("drain", "10");                   // at most this long to wait for late deliveries and acks
        d.put("hold", "3");                     // connections: seconds to hold the sockets before measuring
        d.put("warmup-sockets", "-1");          // connections: opened and closed before the baseline; -1: a fifth, at most 2,000
        d.put("tabs", "100");                   // fanout: sockets of the one receiving customer
        d.put("message-bytes", "64");           // message text length
        d.put("chats", "direct");               // pingpong/maxrate: direct (seed 004 send-message) | support (native support chats)
        d.put("jcmd", "");                      // path of jcmd: idle JIT and full GC in a JVM server before memory readings
        d.put("server-command", "");            // startup: the command (sh -c) that starts the server
        d.put("label", "server");               // a name for the results (e.g. switchboard, node)
        d.put("run-id", "");                    // makes user ids and clientMessageIds unique per run
        return d;
    }

    static String usage() {
        StringBuilder sb = new StringBuilder("usage: LoadGenerator [--flag value ...]; flags and defaults:\n");
        DEFAULTS.forEach((k, v) -> sb.append("  --").append(k).append(' ').append(v.isEmpty() ? "\"\"" : v).append('\n'));
        return sb.toString();
    }
}
