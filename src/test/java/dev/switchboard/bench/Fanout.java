package dev.switchboard.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Scenario {@code fanout}: one agent sends seed 004 {@code send-message} to one customer who has
 * K tabs open (K sockets of the same user), so every message is delivered K times, once per tab,
 * as {@code receive-message}. Our native API has only two-party conversations, so a "room" here
 * is the receiver's user room: the fan-out the server does for a user with many connections.
 * Latency is per delivery (per message × tab); loss and duplicates are counted per tab.
 */
final class Fanout implements SioConnection.Listener {
    private final BenchOptions o;
    private final Clients clients;
    private final String tag;
    private List<SioConnection> sockets = List.of(); // 0: the agent; 1..K: the customer's tabs
    private volatile DeliveryTracker tracker;

    Fanout(BenchOptions o, Clients clients) {
        this.o = o;
        this.clients = clients;
        this.tag = o.runId() + "p" + o.processIndex();
    }

    Clients.Ramp connect() throws InterruptedException {
        HostTokens tokens = new HostTokens(o.jwtSecret());
        String agent = "bench-" + tag + "-sender";
        String customer = "bench-" + tag + "-room";
        String customerToken = tokens.mint(customer, "customer");
        List<Clients.Identity> users = new ArrayList<>();
        users.add(new Clients.Identity(agent, "agent", tokens.mint(agent, "agent")));
        int[] loopOf = new int[o.tabs() + 1];
        for (int i = 1; i <= o.tabs(); i++) {
            users.add(new Clients.Identity(customer, "customer", customerToken));
            loopOf[i] = i % clients.threads();
        }
        Clients.Ramp ramp = clients.connect(users, loopOf, o.batch(), this);
        if (ramp.failed() > 0) throw new IllegalStateException("connecting failed: " + ramp.firstError());
        sockets = ramp.open();
        return ramp;
    }

    PingPong.Step run() throws Exception {
        int rate = o.rate();
        int capacity = rate * (o.warmupSeconds() + o.durationSeconds());
        DeliveryTracker t = new DeliveryTracker(tag + "f", capacity, o.tabs(), clients.threads());
        long start = System.nanoTime() + 100_000_000L;
        long windowStart = start + o.warmupSeconds() * 1_000_000_000L;
        long windowEnd = windowStart + o.durationSeconds() * 1_000_000_000L;
        t.window(windowStart, windowEnd);
        tracker = t;
        SioConnection sender = sockets.get(0);
        String receiverId = sockets.get(1).userId;
        Pacer pacer = new Pacer(clients.loop(0), start, rate, capacity, seq -> {
            t.markSent(seq);
            sender.emitWithAck("send-message", "{\"receiverId\":\"" + receiverId + "\",\"message\":\""
                    + Frames.message(System.nanoTime(), o.messageBytes()) + "\",\"clientMessageId\":\""
                    + t.clientMessageId(seq) + "\"}", seq);
        });
        Window w = Window.measure(o.serverPid(), windowStart, windowEnd);
        pacer.cancel();
        long until = System.nanoTime() + o.drainSeconds() * 1_000_000_000L;
        while (System.nanoTime() < until) {
            clients.onEveryLoop(() -> null);
            if (t.settled()) break;
            Thread.sleep(50);
        }
        clients.onEveryLoop(() -> null);
        return new PingPong.Step(rate, t.counts(w.genCpuMillis()), w.serverCpuMillis(), w.serverJitCpuMillis(), w.millis());
    }

    @Override
    public void onPacket(SioConnection connection, String packet, long now) {
        DeliveryTracker t = tracker;
        if (t == null || connection.index == 0 && !packet.startsWith("43")) return;
        int loop = connection.index % clients.threads();
        Tracking.onPacket(t, connection, loop, Math.max(0, connection.index - 1), packet, now, Tracking.RECEIVE_MESSAGE);
    }
}
