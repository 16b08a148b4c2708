package dev.switchboard.probe;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver (separate JVM). Phases, all against one server process:
 * <ol>
 *   <li>warm-up: a few hundred connections echo a few messages and close (first-use allocations);</li>
 *   <li>memory: full GC in the server (jcmd GC.run), read VmRSS + live heap; open N idle WebSockets
 *       in batches; settle; full GC; read again; report KB per connection;</li>
 *   <li>echo: M of those connections send text frames at a fixed total rate (open loop, paced by a
 *       1 ms tick); a warm-up period, then a measured period: client round-trip p50/p99/p99.9 and
 *       the server's CPU time (utime+stime from /proc/pid/stat) per echoed message.</li>
 * </ol>
 * Everything runs on ONE client event-loop thread, so latency recording needs no locking.
 * Prints one line {@code RESULT k=v ...}.
 */
public final class LoadDriver {
    private static final long CLK_TCK = 100; // getconf CLK_TCK on Linux x86-64
    private static final int PAYLOAD_BYTES = 100;

    private final Map<String, String> opts;
    private final String label;
    private final int port;
    private final long pid;
    private final int idle;
    private final int batch;
    private final int active;
    private final int rate;
    private final int seconds;
    private final int warmupSeconds;
    private final String jcmd;

    private MultiThreadIoEventLoopGroup group;
    private EventLoop loop;
    private Bootstrap bootstrap;

    // echo-phase state, touched only on the event loop
    private long[] latNanos = new long[0];
    private int latCount;
    private boolean recording;
    private long received;
    private long receivedWhileRecording;
    private long badFrames;

    private LoadDriver(Map<String, String> opts) {
        this.opts = opts;
        this.label = opts.getOrDefault("label", "server");
        this.port = Integer.parseInt(req("port"));
        this.pid = Long.parseLong(req("pid"));
        this.idle = Integer.parseInt(opts.getOrDefault("idle", "5000"));
        this.batch = Integer.parseInt(opts.getOrDefault("batch", "250"));
        this.active = Integer.parseInt(opts.getOrDefault("active", "1000"));
        this.rate = Integer.parseInt(opts.getOrDefault("rate", "10000"));
        this.seconds = Integer.parseInt(opts.getOrDefault("seconds", "10"));
        this.warmupSeconds = Integer.parseInt(opts.getOrDefault("warmup", "3"));
        this.jcmd = opts.getOrDefault("jcmd", Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    }

    private String req(String k) {
        String v = opts.get(k);
        if (v == null) throw new IllegalArgumentException("missing --" + k);
        return v;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new LoadDriver(opts).run();
    }

    private void run() throws Exception {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        group = new MultiThreadIoEventLoopGroup(1, io);
        loop = group.next();
        URI uri = URI.create("ws://127.0.0.1:" + port + "/ws");
        EchoClient echoHandler = new EchoClient();
        bootstrap = new Bootstrap()
                .group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(
                                new HttpClientCodec(),
                                new HttpObjectAggregator(8192),
                                new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                        .webSocketUri(uri)
                                        .handshakeTimeoutMillis(30_000)
                                        .build()),
                                echoHandler);
                    }
                });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("server", label);
        try {
            // 1. warm-up connections: exercise upgrade + echo + close once before the baseline
            List<Channel> warm = connect(200, 200);
            CountDownLatch echoed = new CountDownLatch(200 * 10);
            loop.submit(() -> {
                warmLatch = echoed;
                for (Channel ch : warm) for (int i = 0; i < 10; i++) ch.write(frame(System.nanoTime()));
                warm.forEach(Channel::flush);
            }).sync();
            if (!echoed.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("warm-up echoes missing");
            loop.submit(() -> warmLatch = null).sync();
            for (Channel ch : warm) ch.close().sync();
            Thread.sleep(1000);

            // 2. idle-socket memory
            Mem before = serverMemAfterGc();
            long t0 = System.nanoTime();
            List<Channel> conns = connect(idle, batch);
            long connectMs = (System.nanoTime() - t0) / 1_000_000;
            Thread.sleep(3000); // settle
            int open = (int) conns.stream().filter(Channel::isActive).count();
            Mem after = serverMemAfterGc();
            out.put("idle", open);
            out.put("connect_ms", connectMs);
            out.put("rss0_mb", fmt(before.rssKb / 1024.0));
            out.put("rss1_mb", fmt(after.rssKb / 1024.0));
            out.put("rss_kb_per_conn", fmt((after.rssKb - before.rssKb) / (double) open));
            out.put("heap_kb_per_conn", fmt((after.heapUsedKb - before.heapUsedKb) / (double) open));
            out.put("threads", after.threads);

            // 3. echo phase
            List<Channel> senders = conns.subList(0, Math.min(active, conns.size()));
            EchoResult warmup = echo(senders, warmupSeconds, false);
            Thread.sleep(500);
            EchoResult r = echo(senders, seconds, true);
            long[] lat = Arrays.copyOf(latNanos, latCount);
            Arrays.sort(lat);
            out.put("active", senders.size());
            out.put("rate", rate);
            out.put("sent", r.sent);
            out.put("recv", r.received);
            out.put("achieved_rate", fmt(r.received / (r.elapsedNanos / 1e9)));
            out.put("p50_us", fmt(pct(lat, 0.50) / 1000.0));
            out.put("p99_us", fmt(pct(lat, 0.99) / 1000.0));
            out.put("p999_us", fmt(pct(lat, 0.999) / 1000.0));
            out.put("max_us", fmt(lat.length == 0 ? 0 : lat[lat.length - 1] / 1000.0));
            out.put("srv_cpu_ms", r.serverCpuMs);
            out.put("srv_us_per_msg", fmt(r.serverCpuMs * 1000.0 / Math.max(1, r.received)));
            out.put("srv_cpu_pct", fmt(100.0 * r.serverCpuMs / (r.elapsedNanos / 1e6)));
            out.put("gen_cpu_pct", fmt(100.0 * r.driverCpuMs / (r.elapsedNanos / 1e6)));
            out.put("others_cpu_pct", fmt(100.0 * (r.machineCpuMs - r.serverCpuMs - r.driverCpuMs) / (r.elapsedNanos / 1e6)));
            out.put("loadavg", Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            out.put("gen_us_per_msg", fmt(r.driverCpuMs * 1000.0 / Math.max(1, r.received)));
            out.put("bad_frames", badFrames);
            out.put("warmup_recv", warmup.received);
            out.put("rss2_mb", fmt(readStatus("VmRSS") / 1024.0));
        } finally {
            StringBuilder sb = new StringBuilder("RESULT");
            out.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            System.out.println(sb);
            System.out.flush();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    // ---------------------------------------------------------------- connections

    private final Map<Channel, Promise<Void>> pendingHandshakes = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile CountDownLatch warmLatch;

    private List<Channel> connect(int n, int batchSize) throws Exception {
        List<Channel> all = new ArrayList<>(n);
        while (all.size() < n) {
            int k = Math.min(batchSize, n - all.size());
            List<Promise<Void>> handshakes = new ArrayList<>(k);
            for (int i = 0; i < k; i++) {
                Promise<Void> hs = loop.newPromise();
                Channel ch = bootstrap.register().sync().channel();
                pendingHandshakes.put(ch, hs);
                ch.connect(new java.net.InetSocketAddress("127.0.0.1", port)).addListener(f -> {
                    if (!f.isSuccess()) hs.tryFailure(f.cause());
                });
                handshakes.add(hs);
                all.add(ch);
            }
            for (Promise<Void> hs : handshakes) {
                hs.await(60, TimeUnit.SECONDS);
                if (!hs.isSuccess()) {
                    throw new IllegalStateException("handshake failed after " + all.size() + " connections", hs.cause());
                }
            }
        }
        return all;
    }

    @ChannelHandler.Sharable
    private final class EchoClient extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                Promise<Void> hs = pendingHandshakes.remove(ctx.channel());
                if (hs != null) hs.trySuccess(null);
            } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                Promise<Void> hs = pendingHandshakes.remove(ctx.channel());
                if (hs != null) hs.tryFailure(new IllegalStateException("handshake timeout"));
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame f) {
                long now = System.nanoTime();
                try {
                    long sentAt = parseStamp(f.content());
                    received++;
                    CountDownLatch wl = warmLatch;
                    if (wl != null) wl.countDown();
                    if (recording) {
                        receivedWhileRecording++;
                        if (latCount < latNanos.length) latNanos[latCount++] = now - sentAt;
                    }
                } catch (RuntimeException e) {
                    badFrames++;
                } finally {
                    f.release();
                }
            } else {
                ctx.fireChannelRead(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Promise<Void> hs = pendingHandshakes.remove(ctx.channel());
            if (hs != null) hs.tryFailure(cause);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Promise<Void> hs = pendingHandshakes.remove(ctx.channel());
            if (hs != null) hs.tryFailure(new IllegalStateException("closed before handshake"));
            ctx.fireChannelInactive();
        }
    }

    private static TextWebSocketFrame frame(long stamp) {
        StringBuilder sb = new StringBuilder(PAYLOAD_BYTES).append(stamp).append(';');
        while (sb.length() < PAYLOAD_BYTES) sb.append('x');
        return new TextWebSocketFrame(sb.toString());
    }

    private static long parseStamp(ByteBuf buf) {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        long v = 0;
        boolean neg = false;
        if (i < end && buf.getByte(i) == '-') { neg = true; i++; }
        int digits = 0;
        for (; i < end; i++) {
            byte b = buf.getByte(i);
            if (b == ';') break;
            if (b < '0' || b > '9') throw new IllegalArgumentException("bad frame " + ByteBufUtil.hexDump(buf));
            v = v * 10 + (b - '0');
            digits++;
        }
        if (digits == 0 || buf.readableBytes() != PAYLOAD_BYTES) throw new IllegalArgumentException("bad frame");
        return neg ? -v : v;
    }

    // ---------------------------------------------------------------- echo phase

    private record EchoResult(long sent, long received, long elapsedNanos, long serverCpuMs, long driverCpuMs, long machineCpuMs) {}

    /** Sends at {@code rate} msg/s in total, round-robin over {@code senders}, paced by a 1 ms tick. */
    private EchoResult echo(List<Channel> senders, int durationSeconds, boolean record) throws Exception {
        long target = (long) rate * durationSeconds;
        Channel[] chans = senders.toArray(new Channel[0]);
        long[] sent = {0};
        int[] next = {0};
        CountDownLatch done = new CountDownLatch(1);
        loop.submit(() -> {
            if (record) {
                latNanos = new long[(int) Math.min(Integer.MAX_VALUE - 8, target + 1024)];
                latCount = 0;
                receivedWhileRecording = 0;
                recording = true;
            }
        }).sync();
        long cpu0 = serverCpuTicks();
        long drv0 = selfCpuTicks();
        long all0 = machineBusyTicks();
        long start = System.nanoTime();
        var tick = loop.scheduleAtFixedRate(() -> {
            long due = Math.min(target, (System.nanoTime() - start) * rate / 1_000_000_000L);
            while (sent[0] < due) {
                Channel ch = chans[next[0]];
                next[0] = (next[0] + 1) % chans.length;
                ch.writeAndFlush(frame(System.nanoTime()), ch.voidPromise());
                sent[0]++;
            }
            if (sent[0] >= target) done.countDown();
        }, 0, 1, TimeUnit.MILLISECONDS);
        done.await();
        tick.cancel(false);
        // drain: wait (bounded) for outstanding echoes
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < drainUntil) {
            long got = loop.submit(() -> record ? receivedWhileRecording : received).get();
            if (record ? got >= target : true) break;
            Thread.sleep(10);
        }
        long elapsed = System.nanoTime() - start;
        long cpu1 = serverCpuTicks();
        long drv1 = selfCpuTicks();
        long all1 = machineBusyTicks();
        long got = loop.submit(() -> {
            long g = record ? receivedWhileRecording : received;
            recording = false;
            return g;
        }).get();
        return new EchoResult(sent[0], got, elapsed, (cpu1 - cpu0) * 1000 / CLK_TCK, (drv1 - drv0) * 1000 / CLK_TCK,
                (all1 - all0) * 1000 / CLK_TCK);
    }

    /** Busy jiffies of the whole machine (first line of /proc/stat: all but idle and iowait). */
    private static long machineBusyTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i <= 8 && i < f.length; i++) {
            if (i != 4 && i != 5) busy += Long.parseLong(f[i]); // skip idle, iowait
        }
        return busy;
    }

    private static long pct(long[] sorted, double q) {
        if (sorted.length == 0) return 0;
        int idx = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, idx)];
    }

    // ---------------------------------------------------------------- /proc + jcmd

    private record Mem(long rssKb, long heapUsedKb, long threads) {}

    private Mem serverMemAfterGc() throws Exception {
        jcmd("GC.run");
        Thread.sleep(500);
        long heap = 0;
        // SerialGC (JDK 25): "DefNew     total 19648K, used 1234K [..." and "Tenured    total ..., used ..K"
        String info = jcmd("GC.heap_info");
        Matcher m = Pattern.compile("(?m)^\\s*(?:DefNew|Tenured|def new generation|tenured generation)\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K")
                .matcher(info);
        int found = 0;
        while (m.find()) {
            heap += Long.parseLong(m.group(1));
            found++;
        }
        if (found != 2) throw new IllegalStateException("run the server with -XX:+UseSerialGC; GC.heap_info was:\n" + info);
        return new Mem(readStatus("VmRSS"), heap, readStatus("Threads"));
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("jcmd " + command + " failed: " + text);
        return text;
    }

    private long readStatus(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException(key + " not found for pid " + pid);
    }

    private long serverCpuTicks() throws IOException {
        return cpuTicks("/proc/" + pid + "/stat");
    }

    private static long selfCpuTicks() throws IOException {
        return cpuTicks("/proc/self/stat");
    }

    /** utime + stime (fields 14 and 15) of /proc/PID/stat; the comm field may contain spaces. */
    private static long cpuTicks(String file) throws IOException {
        String s = Files.readString(Path.of(file));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }
}
