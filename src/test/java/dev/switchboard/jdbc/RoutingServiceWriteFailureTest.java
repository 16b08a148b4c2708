package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.ServerConfig;
import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.ConversationService;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserStatus;
import dev.switchboard.routing.AgentProfile;
import dev.switchboard.routing.CustomerDetails;
import dev.switchboard.routing.Department;
import dev.switchboard.routing.QueueEntry;
import dev.switchboard.routing.QueueEntryId;
import dev.switchboard.routing.QueueRequest;
import dev.switchboard.routing.RoutingEngine;
import dev.switchboard.routing.RoutingEvent;
import dev.switchboard.routing.RoutingService;
import dev.switchboard.routing.RoutingSettings;
import dev.switchboard.routing.RoutingStore;
import dev.switchboard.routing.Strategy;
import dev.switchboard.support.SupportChatService;
import dev.switchboard.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the routing service does when storing fails: the command answers UNAVAILABLE and nothing is
 * announced; the change stays pending and is stored, then announced, with the next command or timer run.
 */
class RoutingServiceWriteFailureTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final List<Runnable> timerTasks = new CopyOnWriteArrayList<>();
    private final List<List<RoutingEvent>> heard = new CopyOnWriteArrayList<>();
    private H2TestDatabase db;
    private JdbcConversationStore conversationStore;
    private JdbcUserStore users;
    private JdbcRoutingStore stored;
    private FlakyStore flaky;
    private RoutingService routing;

    /** Storage that fails while told to: saving, or making the saves durable. */
    private final class FlakyStore implements RoutingStore {
        volatile boolean failing;
        volatile boolean syncFailing;

        @Override
        public void sync() {
            if (syncFailing) throw new SwitchboardException(ErrorCode.UNAVAILABLE, "the disk is unavailable");
            stored.sync();
        }

        @Override
        public void save(Collection<StoredEntry> entries, Collection<AgentProfile> agents, Instant at) {
            if (failing) throw new SwitchboardException(ErrorCode.UNAVAILABLE, "the database is unavailable");
            stored.save(entries, agents, at);
        }

        @Override
        public List<StoredEntry> activeEntries() {
            return stored.activeEntries();
        }

        @Override
        public List<AgentProfile> agentProfiles() {
            return stored.agentProfiles();
        }

        @Override
        public Optional<StoredEntry> find(QueueEntryId id) {
            return stored.find(id);
        }
    }

    @BeforeEach
    void start() {
        db = new H2TestDatabase();
        users = new JdbcUserStore(db.database(), clock);
        conversationStore = new JdbcConversationStore(db.database());
        ConversationService conversations = new ConversationService(conversationStore, users, clock,
                ServerConfig.Chat.defaults());
        SupportChatService support = new SupportChatService(new JdbcSupportChatStore(db.database()), users,
                conversations, clock);
        stored = new JdbcRoutingStore(db.database());
        flaky = new FlakyStore();
        routing = new RoutingService(new RoutingEngine(RoutingSettings.defaults().withStrategy(Strategy.MANUAL), clock),
                flaky, support, clock, (task, delay) -> {
                    timerTasks.add(task);
                    return CompletableFuture.completedFuture(null);
                });
        routing.listen((events, conversationsOf) -> heard.add(events));
        routing.start();
    }

    @AfterEach
    void stop() {
        routing.close();
        conversationStore.close();
        db.close();
    }

    private User user(Role role) {
        return users.upsertExternal(new UserId(role.wire() + "-" + UUID.randomUUID()), role, "A " + role.wire(), null,
                UserStatus.ACTIVE);
    }

    private static QueueRequest request(User customer) {
        return new QueueRequest(customer.id(), CustomerDetails.of("Cora", "", "help"), Department.GENERAL);
    }

    private boolean storedFor(User customer) {
        return stored.activeEntries().stream().anyMatch(s -> s.entry().customer().equals(customer.id()));
    }

    @Test
    void aChangeIsOnDiskWhenItsCommandReturnsThoughItWasSavedUnderTheLockWithoutWaitingForTheDisk() {
        User cora = user(Role.CUSTOMER);
        db.holdBackgroundWrites();
        routing.join(cora, request(cora), "help");
        db.crash();

        Database reopened = db.openAfterCrash();
        assertThat(new JdbcRoutingStore(reopened).activeEntries())
                .anyMatch(s -> s.entry().customer().equals(cora.id()));
    }

    @Test
    void aChangeWhoseWriteToDiskFailsAnswersUnavailableToItsCallerAndTheNextWriteCoversIt() {
        User cora = user(Role.CUSTOMER);
        flaky.syncFailing = true;

        assertThatThrownBy(() -> routing.join(cora, request(cora), "help"))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        assertThat(storedFor(cora)).as("committed, not yet on disk").isTrue();

        flaky.syncFailing = false;
        db.holdBackgroundWrites();
        User dora = user(Role.CUSTOMER);
        routing.join(dora, request(dora), "help");
        db.crash();
        List<RoutingStore.StoredEntry> onDisk = new JdbcRoutingStore(db.openAfterCrash()).activeEntries();
        assertThat(onDisk).anyMatch(s -> s.entry().customer().equals(cora.id()));
        assertThat(onDisk).anyMatch(s -> s.entry().customer().equals(dora.id()));
    }

    @Test
    void aChangeThatCouldNotBeStoredAnswersUnavailableAnnouncesNothingAndIsStoredAndAnnouncedLater() {
        User cora = user(Role.CUSTOMER);
        User abe = user(Role.AGENT);
        routing.agentConnected(abe, "abe-tab");
        int before = heard.size();
        flaky.failing = true;

        assertThatThrownBy(() -> routing.join(cora, request(cora), "help"))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));

        assertThat(heard).hasSize(before);
        assertThat(storedFor(cora)).isFalse();
        QueueEntry waiting = routing.queries().activeEntry(cora.id()).orElseThrow(); // the engine moved on
        assertThat(timerTasks).isNotEmpty(); // armed to retry

        flaky.failing = false;
        timerTasks.getLast().run();

        assertThat(storedFor(cora)).isTrue();
        assertThat(heard).hasSize(before + 1);
        assertThat(heard.getLast()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(RoutingEvent.QueueChanged.class,
                q -> assertThat(q.queue()).extracting(QueueEntry::id).contains(waiting.id())));
        assertThat(routing.join(cora, request(cora), "help").entry().id()).isEqualTo(waiting.id()); // safe to repeat
    }

    @Test
    void pendingChangesAreStoredAndAnnouncedInOrderWithTheNextCommand() {
        User cora = user(Role.CUSTOMER);
        User abe = user(Role.AGENT);
        routing.agentConnected(abe, "abe-tab");
        flaky.failing = true;
        assertThatThrownBy(() -> routing.join(cora, request(cora), "help")).isInstanceOf(SwitchboardException.class);
        int before = heard.size();
        flaky.failing = false;

        routing.pickCustomer(abe.id(), cora.id());

        assertThat(heard).hasSize(before + 1);
        List<String> kinds = new ArrayList<>();
        for (RoutingEvent e : heard.getLast()) kinds.add(e.getClass().getSimpleName());
        assertThat(kinds.indexOf("QueueChanged")).isLessThan(kinds.indexOf("Assigned"));
        assertThat(stored.activeEntries()).filteredOn(s -> s.entry().customer().equals(cora.id()))
                .singleElement().satisfies(s -> assertThat(s.entry().agent()).isEqualTo(abe.id()));
    }
}
