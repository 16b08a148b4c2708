package dev.switchboard.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.common.Json;
import dev.switchboard.conversation.ConversationService;
import dev.switchboard.dialect.ChatAnnouncer;
import dev.switchboard.dialect.ChatGateway;
import dev.switchboard.dialect.Delivery;
import dev.switchboard.dialect.LatestOnly;
import dev.switchboard.dialect.MessageSender;
import dev.switchboard.dialect.NativeChatEvents;
import dev.switchboard.dialect.QueueEvents;
import dev.switchboard.dialect.RoutingAnnouncer;
import dev.switchboard.dialect.ScheduleEvents;
import dev.switchboard.dialect.Seed000Events;
import dev.switchboard.dialect.Seed002Events;
import dev.switchboard.dialect.Seed003Announcer;
import dev.switchboard.dialect.Seed003Events;
import dev.switchboard.dialect.Seed003Support;
import dev.switchboard.dialect.Seed004Events;
import dev.switchboard.dialect.SocketEvents;
import dev.switchboard.dialect.SocketSessionTerminator;
import dev.switchboard.dialect.TicketAnnouncer;
import dev.switchboard.dialect.TicketEvents;
import dev.switchboard.dialect.TicketViews;
import dev.switchboard.engineio.EngineConfig;
import dev.switchboard.engineio.EngineServer;
import dev.switchboard.http.AdminUserRoutes;
import dev.switchboard.files.LocalAttachmentStorage;
import dev.switchboard.http.AttachmentRoutes;
import dev.switchboard.http.AuthRoutes;
import dev.switchboard.http.ChatRoutes;
import dev.switchboard.http.CorsPolicy;
import dev.switchboard.http.DeskRoutes;
import dev.switchboard.http.HealthRoutes;
import dev.switchboard.http.HttpDispatcher;
import dev.switchboard.http.HttpServer;
import dev.switchboard.http.RestRouter;
import dev.switchboard.http.Seed003Routes;
import dev.switchboard.http.StaticFiles;
import dev.switchboard.identity.CachedUserStore;
import dev.switchboard.identity.IdentityService;
import dev.switchboard.identity.LoginThrottle;
import dev.switchboard.identity.PasswordHasher;
import dev.switchboard.identity.TokenService;
import dev.switchboard.identity.UserAdministration;
import dev.switchboard.identity.UserStore;
import dev.switchboard.jdbc.Database;
import dev.switchboard.jdbc.JdbcAttachmentStore;
import dev.switchboard.jdbc.JdbcConversationStore;
import dev.switchboard.jdbc.JdbcRefreshTokenStore;
import dev.switchboard.jdbc.JdbcRoutingStore;
import dev.switchboard.jdbc.JdbcScheduleStore;
import dev.switchboard.jdbc.JdbcSupportChatStore;
import dev.switchboard.jdbc.JdbcUserStore;
import dev.switchboard.presence.PresenceService;
import dev.switchboard.presence.TypingService;
import dev.switchboard.routing.AssigneeWrites;
import dev.switchboard.routing.RoutingEngine;
import dev.switchboard.routing.RoutingService;
import dev.switchboard.routing.ScheduleService;
import dev.switchboard.socketio.Namespace;
import dev.switchboard.socketio.SocketIoServer;
import dev.switchboard.support.AttachmentService;
import dev.switchboard.support.SupportChatService;
import dev.switchboard.support.TicketService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Switchboard server, wired by hand: storage, identity, the chat domain, the
 * Socket.IO dialects and the REST API on one port. {@link #start} is what {@code Main} and the
 * tests call.
 */
public final class Switchboard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Switchboard.class);
    static final Duration TYPING_TTL = Duration.ofSeconds(6);
    /** How often at most a "state now" broadcast to every connection (available agents, technicians) goes out. */
    static final Duration STATE_BROADCAST_WINDOW = Duration.ofSeconds(1);

    private final Database database;
    private final JdbcConversationStore conversationStore;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final EngineServer engine;
    private final HttpServer http;
    private final Services services;

    /** The domain services, for tests and demo data. */
    public record Services(IdentityService identity, ConversationService conversations, PresenceService presence,
            SupportChatService support, RoutingService routing, ScheduleService schedules) {}

    private Switchboard(Database database, JdbcConversationStore conversationStore, ExecutorService workers,
            ScheduledExecutorService timers, EngineServer engine, HttpServer http, Services services) {
        this.database = database;
        this.conversationStore = conversationStore;
        this.workers = workers;
        this.timers = timers;
        this.engine = engine;
        this.http = http;
        this.services = services;
    }

    public static Switchboard start(ServerConfig config) throws InterruptedException {
        return start(config, Clock.systemUTC());
    }

    public static Switchboard start(ServerConfig config, Clock clock) throws InterruptedException {
        ObjectMapper json = Json.newMapper();
        Database database = Database.open(config.storage());
        ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-timers");
            t.setDaemon(true);
            return t;
        });
        JdbcConversationStore conversationStore = new JdbcConversationStore(database);
        RoutingService routing = null;
        try {
            // the embedded database has one process, so every change to users passes the cache
            UserStore users = database.embedded() ? new CachedUserStore(new JdbcUserStore(database, clock))
                    : new JdbcUserStore(database, clock);
            JdbcRefreshTokenStore refreshTokens = new JdbcRefreshTokenStore(database);
            IdentityService identity = new IdentityService(users, new TokenService(config.security(), clock),
                    new PasswordHasher(), clock, refreshTokens,
                    new LoginThrottle(LoginThrottle.DEFAULT_MAX_FAILURES, LoginThrottle.DEFAULT_WINDOW, clock));
            timers.scheduleWithFixedDelay(() -> workers.execute(() -> purgeExpiredRefreshTokens(refreshTokens, clock)),
                    1, 360, TimeUnit.MINUTES);
            ConversationService conversations =
                    new ConversationService(conversationStore, users, clock, config.chat());
            JdbcSupportChatStore supportStore = new JdbcSupportChatStore(database);
            SupportChatService support = new SupportChatService(supportStore, users, conversations, clock);
            TicketService tickets = new TicketService(supportStore, support, users, clock);
            conversations.guardSends(new AssigneeWrites(support, users));
            AttachmentService attachments = new AttachmentService(new JdbcAttachmentStore(database),
                    new LocalAttachmentStorage(config.storage().dataDir().resolve("attachments")), conversations, clock,
                    config.chat().maxAttachmentBytes(), config.chat().attachmentTypes());
            MessageSender sender = new MessageSender(conversations, attachments);
            PresenceService presence = new PresenceService(clock);
            TypingService typing = new TypingService(clock, TYPING_TTL);

            SocketIoServer io = new SocketIoServer(json, config.engine().connectTimeoutMillis());
            Namespace root = io.namespace("/");
            // "the state now" broadcasts to everyone: at most one per kind per second (LatestOnly)
            Delivery delivery = new Delivery(root, new LatestOnly((task, delay) -> runLater(timers, workers, task, delay),
                    STATE_BROADCAST_WINDOW, System::nanoTime));
            ChatAnnouncer announcer = new ChatAnnouncer(delivery, conversations, typing, presence, users);
            SocketEvents events = new SocketEvents(root);
            new NativeChatEvents(conversations, announcer, delivery, sender).register(events);
            new Seed004Events(conversations, announcer, identity).register(events);
            support.addListener(new TicketAnnouncer(tickets, delivery));
            announcer.onNewMessage(new Seed003Announcer(support, delivery));
            Seed003Support seed003 = new Seed003Support(support, tickets, conversations, announcer, sender);
            new TicketEvents(tickets).register(events);
            new Seed003Events(seed003, announcer).register(events);
            ChatGateway gateway = new ChatGateway(identity, users, presence, announcer, workers, clock);
            routing = new RoutingService(new RoutingEngine(config.routing(), clock), new JdbcRoutingStore(database),
                    support, clock, (task, delay) -> runLater(timers, workers, task, delay));
            routing.offerDepartments(config.chat().departments());
            routing.listen(new RoutingAnnouncer(delivery, routing));
            support.addListener(routing);
            QueueEvents queue = new QueueEvents(routing, tickets);
            queue.register(events);
            gateway.addListener(queue);
            Seed000Events seed000 = new Seed000Events(routing, support, conversations, announcer, delivery);
            seed000.register(events);
            routing.listen(seed000);
            gateway.addListener(seed000);
            ScheduleService schedules = new ScheduleService(new JdbcScheduleStore(database), users, clock);
            routing.staffedAlsoWhen(schedules::anyoneOnShiftNow);
            new ScheduleEvents(schedules, routing, support, tickets, delivery).register(events);
            Seed002Events seed002 = new Seed002Events(routing, conversations, announcer, delivery);
            seed002.register(events);
            routing.listen(seed002);
            gateway.addListener(seed002);
            routing.start();
            gateway.install(root);
            timers.scheduleWithFixedDelay(() -> typing.expireDue()
                    .forEach(t -> workers.execute(() -> announcer.typingExpired(t))), 1, 1, TimeUnit.SECONDS);

            CorsPolicy cors = new CorsPolicy(config.http().corsOrigins());
            ServerConfig.Engine e = config.engine();
            EngineServer engine = new EngineServer(new EngineConfig("/socket.io/", e.pingIntervalMillis(),
                    e.pingTimeoutMillis(), e.maxPayloadBytes(), e.upgradeTimeoutMillis()), cors, io.connectionHandler());
            RestRouter router = new RestRouter(json, cors, identity::authenticate, workers, new StaticFiles("public"));
            new AuthRoutes(identity).register(router);
            new AdminUserRoutes(new UserAdministration(users, identity, new SocketSessionTerminator(root), clock))
                    .register(router);
            new ChatRoutes(conversations, announcer).register(router);
            new AttachmentRoutes(attachments, seed003).register(router);
            new Seed003Routes(seed003, (me, query) -> TicketViews.stats(tickets, me, query)).register(router);
            new HealthRoutes(database, engine).register(router);
            new DeskRoutes(routing).register(router);
            HttpServer http = HttpServer.start(config.http().host(), config.http().port(), 0,
                    config.http().maxRequestBytes(), new HttpDispatcher(cors, List.of(engine), router));
            return new Switchboard(database, conversationStore, workers, timers, engine, http,
                    new Services(identity, conversations, presence, support, routing, schedules));
        } catch (Throwable ex) { // also the HTTP port's bind failure, an IOException thrown undeclared
            if (routing != null) routing.close();
            timers.shutdownNow();
            workers.shutdownNow();
            conversationStore.close();
            database.close();
            throw ex;
        }
    }

    public int port() {
        return http.port();
    }

    public Services services() {
        return services;
    }

    /** The database, for tests that check what is stored. */
    public Database database() {
        return database;
    }

    /**
     * Graceful stop: no new connections, clients told to go (they reconnect elsewhere), work in
     * flight finished, then the database closed.
     */
    @Override
    public void close() {
        http.stopAccepting();
        engine.closeAll("server shutting down");
        services.routing().close();
        timers.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) log.warn("work still running at shutdown");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
        conversationStore.close(); // after the workers: their last messages are written first
        database.close();
    }

    /**
     * Runs {@code task} on a worker after {@code delay}. Once the server is stopping the timers are
     * gone and the task is dropped: what is asked for then (a state broadcast, a routing timer for a
     * disconnecting agent) would reach nobody, and the routing state it concerns is stored and
     * restored at the next start.
     */
    static Future<?> runLater(ScheduledExecutorService timers, ExecutorService workers, Runnable task, Duration delay) {
        try {
            return timers.schedule(() -> workers.execute(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            if (!timers.isShutdown()) throw e;
            log.debug("stopping: a task due in {} dropped", delay);
            CompletableFuture<Void> dropped = new CompletableFuture<>();
            dropped.cancel(false);
            return dropped;
        }
    }

    /** Expired refresh tokens are useless; a failed purge is retried at the next run. */
    private static void purgeExpiredRefreshTokens(JdbcRefreshTokenStore tokens, Clock clock) {
        try {
            int purged = tokens.purgeExpired(clock.instant());
            if (purged > 0) log.info("forgot {} expired refresh tokens", purged);
        } catch (RuntimeException e) {
            log.warn("purging expired refresh tokens failed; retrying at the next run", e);
        }
    }
}
