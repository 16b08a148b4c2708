package dev.switchboard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Scenario {@code pingpong} (and the steps of {@code maxrate}): P pairs customer ↔ agent, every
 * socket its own user, each pair's two sockets on the same event loop. Messages go round-robin
 * over the pairs, alternating direction within a pair, as seed 004 {@code send-message} with an
 * ack; a delivery is the receiver's {@code receive-message}. The send time travels in the message
 * text ({@code t<nanoTime>:xxx}), the step and number in the clientMessageId.
 *
 * <p>With {@code --chats support} each pair talks in the customer's support chat instead, through the
 * native API: after the ramp every agent serves a department of its own ({@code agent:set_settings}),
 * then every customer joins the queue for their agent's department ({@code queue:join}) and is routed
 * to that agent ({@code queue:assigned}); messages are {@code chat:send_message} in that chat, a
 * delivery is the receiver's {@code chat:new_message}. Switchboard only: the Node servers have no
 * support desk.
 */
final class PingPong implements SioConnection.Listener {
    private final BenchOptions o;
    private final Clients clients;
    private final HostTokens tokens;
    private final String tag;
    private final int threads;
    private List<SioConnection> sockets = List.of(); // customer of pair p at 2p, agent at 2p+1
    private volatile DeliveryTracker tracker;
    private volatile SupportChats setUp; // while support chats are being opened
    private String[] chats = new String[0]; // the support chat of each pair
    private int step;

    /** A measured step: what was counted and the server's CPU over the window. */
    record Step(int rate, StepCounts counts, long serverCpuMillis, long serverJitCpuMillis, long windowMillis) {
        Map<String, Object> report(int durationSeconds) {
            return counts.report(rate, durationSeconds, serverCpuMillis, serverJitCpuMillis, windowMillis);
        }
    }

    PingPong(BenchOptions o, Clients clients) {
        this.o = o;
        this.clients = clients;
        this.tokens = new HostTokens(o.jwtSecret());
        this.tag = o.runId() + "p" + o.processIndex();
        this.threads = clients.threads();
    }

    Clients.Ramp connect() throws InterruptedException {
        List<Clients.Identity> users = new ArrayList<>();
        int[] loopOf = new int[2 * o.pairs()];
        for (int p = 0; p < o.pairs(); p++) {
            String c = "bench-" + tag + "-c" + p;
            String a = "bench-" + tag + "-a" + p;
            users.add(new Clients.Identity(c, "customer", tokens.mint(c, "customer")));
            users.add(new Clients.Identity(a, "agent", tokens.mint(a, "agent")));
            loopOf[2 * p] = loopOf[2 * p + 1] = p % threads;
        }
        Clients.Ramp ramp = clients.connect(users, loopOf, o.batch(), this);
        if (ramp.failed() > 0) throw new IllegalStateException("connecting failed: " + ramp.firstError());
        sockets = ramp.open();
        if (o.chats().equals("support")) openSupportChats();
        return ramp;
    }

    /** Routes each pair's customer to its agent in a support chat; fails if any step fails or stalls. */
    private void openSupportChats() throws InterruptedException {
        SupportChats s = new SupportChats(o.pairs());
        setUp = s;
        s.expect(o.pairs());
        onEachPair(p -> sockets.get(2 * p + 1).emitWithAck("agent:set_settings",
                "{\"departments\":[\"" + department(p) + "\"]}", p));
        s.await("agent:set_settings");
        s.expect(2 * o.pairs());
        onEachPair(p -> sockets.get(2 * p).emitWithAck("queue:join", "{\"department\":\"" + department(p) + "\"}", p));
        s.await("queue:join and queue:assigned");
        chats = s.chats;
        setUp = null;
    }

    private String department(int pair) {
        return "bench-" + tag + "-d" + pair;
    }

    private void onEachPair(IntConsumer work) {
        for (int p = 0; p < o.pairs(); p++) {
            int pair = p;
            clients.loop(p % threads).execute(() -> work.accept(pair));
        }
    }

    /**
     * The set-up's bookkeeping: the acks of one round of requests (then, for the joins, each customer's
     * {@code queue:assigned} from its own agent as well), the chat ids, the first failure.
     */
    private final class SupportChats {
        final String[] chats;
        private volatile CountDownLatch pending;
        private volatile String failure;

        SupportChats(int pairs) {
            chats = new String[pairs];
        }

        /** The next round: {@code packets} acks and assignments to wait for; set before its requests go out. */
        void expect(int packets) {
            pending = new CountDownLatch(packets);
        }

        void await(String what) throws InterruptedException {
            if (!pending.await(60, TimeUnit.SECONDS)) failure = what + " timed out";
            if (failure != null) throw new IllegalStateException("opening support chats: " + failure);
        }

        void onPacket(SioConnection c, String packet) {
            int pair = c.index / 2;
            if (packet.startsWith("43")) {
                c.takeAckSeq(packet);
                if (!packet.contains("\"ok\":true")) failure = packet.length() > 300 ? packet.substring(0, 300) : packet;
                pending.countDown();
            } else if (c.index % 2 == 0 && Frames.isEvent(packet, "queue:assigned")) {
                String agent = Frames.stringField(packet, "id"); // the first "id": the agent's
                if (!sockets.get(2 * pair + 1).userId.equals(agent)) failure = "customer " + pair + " went to " + agent;
                chats[pair] = Frames.stringField(packet, "conversationId");
                pending.countDown();
            }
        }
    }

    Step run(int rate) throws Exception {
        step++;
        int seconds = o.warmupSeconds() + o.durationSeconds();
        int[] pairsPerLoop = new int[threads];
        for (int p = 0; p < o.pairs(); p++) pairsPerLoop[p % threads]++;
        long[] rates = Pacer.split(rate, pairsPerLoop);
        int capacity = 0;
        int[] base = new int[threads];
        for (int k = 0; k < threads; k++) {
            base[k] = capacity;
            capacity += (int) (rates[k] * seconds);
        }
        DeliveryTracker t = new DeliveryTracker(tag + "s" + step, capacity, 1, threads);
        long start = System.nanoTime() + 100_000_000L;
        long windowStart = start + o.warmupSeconds() * 1_000_000_000L;
        long windowEnd = windowStart + o.durationSeconds() * 1_000_000_000L;
        t.window(windowStart, windowEnd);
        tracker = t;
        List<Pacer> pacers = new ArrayList<>();
        for (int k = 0; k < threads; k++) {
            if (rates[k] == 0) continue;
            int loop = k;
            int[] turn = new int[1];
            int[] direction = new int[o.pairs()];
            pacers.add(new Pacer(clients.loop(k), start, rates[k], (int) (rates[k] * seconds), n -> {
                int pair = loop + threads * turn[0];
                turn[0] = pair + threads >= o.pairs() ? 0 : turn[0] + 1;
                boolean fromCustomer = (direction[pair]++ & 1) == 0;
                send(t, base[loop] + n, sockets.get(2 * pair + (fromCustomer ? 0 : 1)), sockets.get(2 * pair + (fromCustomer ? 1 : 0)));
            }));
        }
        Window w = Window.measure(o.serverPid(), windowStart, windowEnd);
        pacers.forEach(Pacer::cancel);
        drain(t);
        clients.onEveryLoop(() -> null);
        return new Step(rate, t.counts(w.genCpuMillis()), w.serverCpuMillis(), w.serverJitCpuMillis(), w.millis());
    }

    private void send(DeliveryTracker t, int seq, SioConnection from, SioConnection to) {
        t.markSent(seq);
        String text = Frames.message(System.nanoTime(), o.messageBytes());
        if (chats.length > 0) {
            from.emitWithAck("chat:send_message", "{\"conversationId\":\"" + chats[from.index / 2] + "\",\"message\":\""
                    + text + "\",\"clientMessageId\":\"" + t.clientMessageId(seq) + "\"}", seq);
            return;
        }
        from.emitWithAck("send-message", "{\"receiverId\":\"" + to.userId + "\",\"message\":\"" + text
                + "\",\"clientMessageId\":\"" + t.clientMessageId(seq) + "\"}", seq);
    }

    private void drain(DeliveryTracker t) throws Exception {
        long until = System.nanoTime() + o.drainSeconds() * 1_000_000_000L;
        while (System.nanoTime() < until) {
            clients.onEveryLoop(() -> null);
            if (t.settled()) return;
            Thread.sleep(50);
        }
    }

    @Override
    public void onPacket(SioConnection connection, String packet, long now) {
        SupportChats s = setUp;
        if (s != null) s.onPacket(connection, packet);
        DeliveryTracker t = tracker;
        if (t == null) return;
        int loop = (connection.index / 2) % threads;
        Tracking.onPacket(t, connection, loop, 0, packet, now, chats.length > 0 ? Tracking.NEW_MESSAGE : Tracking.RECEIVE_MESSAGE);
    }

    void close() {
        sockets.forEach(SioConnection::close);
    }
}
