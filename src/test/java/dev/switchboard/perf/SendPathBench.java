package dev.switchboard.perf;

import com.sun.management.OperatingSystemMXBean;
import dev.switchboard.app.ServerConfig;
import dev.switchboard.conversation.ConversationService;
import dev.switchboard.identity.CachedUserStore;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserStatus;
import dev.switchboard.identity.UserStore;
import dev.switchboard.jdbc.Database;
import dev.switchboard.jdbc.JdbcConversationStore;
import dev.switchboard.jdbc.JdbcUserStore;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * In-process throughput harness for the send path (issue 3): N sender virtual threads, each bound to
 * one of M customer–agent pairs, call {@link ConversationService#sendDirect} (what seed 004's
 * {@code send-message} does) with a fresh client key per message, closed loop or paced to a total
 * rate. Reports sends/s, process CPU µs per send (everything in this JVM: service, pool, driver and,
 * for H2, the database itself; PostgreSQL's own CPU is not included) and ack latency, then checks that
 * every conversation holds exactly the acknowledged messages with seqs 1..n. Not run by the suite.
 *
 * <pre>
 * ./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) dev.switchboard.perf.SendPathBench \
 *     db=h2 senders=64 conversations=32 seconds=10 warmup=5 rate=0 pool=10 writers=default
 * </pre>
 * {@code db=pg} uses a fresh schema in {@code SWITCHBOARD_TEST_PG_URL} (default the local test server);
 * {@code rate=0} is closed loop (as fast as it goes); {@code writers=0} turns group commit off.
 */
public final class SendPathBench {
    // A command-line tool: its report is its output.
    private static final PrintStream out = System.out;

    private SendPathBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        String db = options.getOrDefault("db", "h2");
        int senders = Integer.parseInt(options.getOrDefault("senders", "64"));
        int conversations = Integer.parseInt(options.getOrDefault("conversations", "32"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "5"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "0"));
        int pool = Integer.parseInt(options.getOrDefault("pool", "10"));
        String writers = options.getOrDefault("writers", "default");

        try (Target target = db.equals("pg") ? Target.postgres(pool) : Target.h2(pool)) {
            Database database = target.database();
            // wired as Switchboard.start does
            UserStore users = database.embedded() ? new CachedUserStore(new JdbcUserStore(database, Clock.systemUTC()))
                    : new JdbcUserStore(database, Clock.systemUTC());
            JdbcConversationStore store = writers.equals("default") ? new JdbcConversationStore(database)
                    : new JdbcConversationStore(database, Integer.parseInt(writers));
            ConversationService service =
                    new ConversationService(store, users, Clock.systemUTC(), ServerConfig.Chat.defaults());
            List<UserId[]> pairs = new ArrayList<>();
            for (int i = 0; i < conversations; i++) {
                UserId customer = users.upsertExternal(new UserId("c" + i), Role.CUSTOMER, "C" + i, null,
                        UserStatus.ACTIVE).id();
                UserId agent = users.upsertExternal(new UserId("a" + i), Role.AGENT, "A" + i, null,
                        UserStatus.ACTIVE).id();
                service.getOrCreateDirect(customer, agent, Optional.empty());
                pairs.add(new UserId[] {customer, agent});
            }
            Run run = new Run(service, pairs, senders, rate);
            run.start();
            TimeUnit.SECONDS.sleep(warmup);
            Sample before = Sample.now(run);
            TimeUnit.SECONDS.sleep(seconds);
            Sample after = Sample.now(run);
            run.stop();
            store.close();
            long sends = after.sends - before.sends;
            double wallSeconds = (after.nanos - before.nanos) / 1e9;
            double cpuMicros = (after.cpuNanos - before.cpuNanos) / 1e3;
            long[] latencies = run.latenciesMicros();
            out.printf("db=%s senders=%d conversations=%d rate=%s pool=%d writers=%s seconds=%d%n", db, senders,
                    conversations, rate == 0 ? "closed" : rate, pool, writers, seconds);
            out.printf("sends/s %.0f   cpu us/send %.1f   cpu cores busy %.2f   ack p50 %d us  p99 %d us  max %d us"
                    + "   errors %d%n", sends / wallSeconds, cpuMicros / sends, cpuMicros / 1e6 / wallSeconds,
                    percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(latencies, 1.0), run.errors.sum());
            out.printf("of which the storage thread(s) (applier or group-commit writers) %.1f us/send%n",
                    (after.storageThreadNanos - before.storageThreadNanos) / 1e3 / sends);
            out.println(verify(database, run.acked.sum()));
        }
    }

    /** Every conversation's messages must be exactly seqs 1..n and all of them together the acked count. */
    private static String verify(Database database, long acked) throws SQLException {
        database.awaitStoredMessages(); // the raw connection below does not wait for them itself
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT conversation_id, COUNT(*), COUNT(DISTINCT seq), MIN(seq),"
                        + " MAX(seq) FROM messages GROUP BY conversation_id")) {
            long stored = 0;
            int broken = 0;
            while (rs.next()) {
                long count = rs.getLong(2);
                stored += count;
                if (count != rs.getLong(3) || rs.getLong(4) != 1 || rs.getLong(5) != count) broken++;
            }
            return "verify: acked " + acked + ", stored " + stored + ", conversations with gaps or duplicates "
                    + broken + (stored == acked && broken == 0 ? "  OK" : "  FAILED");
        }
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private record Sample(long sends, long nanos, long cpuNanos, long storageThreadNanos) {
        static Sample now(Run run) {
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return new Sample(run.acked.sum(), System.nanoTime(), os.getProcessCpuTime(), storageThreadsCpu());
        }

        /** CPU of the threads that store messages behind the senders: H2's applier, or the group-commit writers. */
        static long storageThreadsCpu() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long sum = 0;
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info == null) continue;
                String name = info.getThreadName();
                if (name.startsWith("switchboard-apply") || name.startsWith("switchboard-append")) {
                    sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
                }
            }
            return sum;
        }
    }

    private static final class Run {
        final ConversationService service;
        final List<UserId[]> pairs;
        final int senders;
        final int rate;
        final AtomicBoolean running = new AtomicBoolean(true);
        final LongAdder acked = new LongAdder();
        final LongAdder errors = new LongAdder();
        final List<Thread> threads = new ArrayList<>();
        final long[][] latencies;
        final int[] latencyCounts;
        final AtomicLong keys = new AtomicLong();

        Run(ConversationService service, List<UserId[]> pairs, int senders, int rate) {
            this.service = service;
            this.pairs = pairs;
            this.senders = senders;
            this.rate = rate;
            this.latencies = new long[senders][200_000];
            this.latencyCounts = new int[senders];
        }

        void start() {
            for (int i = 0; i < senders; i++) {
                int sender = i;
                threads.add(Thread.ofVirtual().name("sender-" + i).start(() -> loop(sender)));
            }
        }

        void loop(int sender) {
            UserId[] pair = pairs.get(sender % pairs.size());
            // Both directions of a pair, as in a conversation; odd senders write as the agent.
            UserId me = pair[(sender / pairs.size()) % 2];
            UserId other = pair[1 - (sender / pairs.size()) % 2];
            String prefix = UUID.randomUUID().toString().substring(0, 8) + "-";
            long intervalNanos = rate == 0 ? 0 : (long) (1e9 * senders / rate);
            long next = System.nanoTime();
            while (running.get()) {
                if (intervalNanos > 0) {
                    next += intervalNanos;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        try {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
                long started = System.nanoTime();
                try {
                    service.sendDirect(me, other, "hello from " + me.value(), prefix + keys.incrementAndGet());
                    acked.increment();
                    int n = latencyCounts[sender];
                    if (n < latencies[sender].length) {
                        latencies[sender][n] = (System.nanoTime() - started) / 1000;
                        latencyCounts[sender] = n + 1;
                    }
                } catch (RuntimeException e) {
                    errors.increment();
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) t.join();
        }

        long[] latenciesMicros() {
            long[] all = new long[Arrays.stream(latencyCounts).sum()];
            int at = 0;
            for (int i = 0; i < senders; i++) {
                System.arraycopy(latencies[i], 0, all, at, latencyCounts[i]);
                at += latencyCounts[i];
            }
            Arrays.sort(all);
            return all;
        }
    }

    /** A database private to this run, removed afterwards. */
    private interface Target extends AutoCloseable {
        Database database();

        @Override
        void close() throws Exception;

        static Target h2(int pool) throws IOException {
            Path dir = Files.createTempDirectory("sendpath-bench-");
            Database database = Database.open(new ServerConfig.Storage(dir, "", "", "", pool));
            return new Target() {
                @Override
                public Database database() {
                    return database;
                }

                @Override
                public void close() throws IOException {
                    database.close();
                    try (var files = Files.walk(dir)) {
                        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
                    }
                }
            };
        }

        static Target postgres(int pool) throws SQLException {
            String url = env("SWITCHBOARD_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
            String user = env("SWITCHBOARD_TEST_PG_USER", "postgres");
            String password = env("SWITCHBOARD_TEST_PG_PASSWORD", "");
            String schema = "sb_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            execute(url, user, password, "CREATE SCHEMA " + schema);
            Database database = Database.open(new ServerConfig.Storage(Path.of("unused"),
                    url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password, pool));
            return new Target() {
                @Override
                public Database database() {
                    return database;
                }

                @Override
                public void close() throws SQLException {
                    database.close();
                    execute(url, user, password, "DROP SCHEMA " + schema + " CASCADE");
                }
            };
        }

        private static void execute(String url, String user, String password, String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
                st.execute(sql);
            }
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }
}
