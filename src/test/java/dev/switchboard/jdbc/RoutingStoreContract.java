package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.conversation.Conversation;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationType;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.UserId;
import dev.switchboard.routing.AgentProfile;
import dev.switchboard.routing.Availability;
import dev.switchboard.routing.CustomerDetails;
import dev.switchboard.routing.Department;
import dev.switchboard.routing.EntryState;
import dev.switchboard.routing.QueueEntry;
import dev.switchboard.routing.QueueEntryId;
import dev.switchboard.routing.RoutingStore.StoredEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What every {@link JdbcRoutingStore} must do, whichever database is behind it. */
abstract class RoutingStoreContract extends ConversationContractBase {
    private static final Instant T0 = Instant.parse("2026-02-01T10:00:00.123456Z");
    private JdbcRoutingStore routing;

    @BeforeAll
    void openRouting() {
        routing = new JdbcRoutingStore(db.database());
    }

    private ConversationId chat(UserId customer, UserId agent) {
        Conversation c = store.findOrCreateDirect(new Conversation(ConversationId.random(), ConversationType.CUSTOMER_SUPPORT,
                List.of(customer, agent), T0, T0, 0));
        return c.id();
    }

    private static QueueEntry entry(QueueEntryId id, UserId customer, EntryState state, UserId agent, long order,
            List<UserId> heldBy) {
        return entry(id, customer, state, agent, order, heldBy, List.of());
    }

    private static QueueEntry entry(QueueEntryId id, UserId customer, EntryState state, UserId agent, long order,
            List<UserId> heldBy, List<UserId> declinedBy) {
        return new QueueEntry(id, customer, new CustomerDetails("Ann", "ann@example.com", "refund", Map.of("order", "42")),
                new Department("billing"), T0, state, agent, null, agent == null ? null : T0.plusSeconds(5), heldBy,
                declinedBy, T0.plusSeconds(1), order, true);
    }

    private List<StoredEntry> mine(QueueEntryId... ids) {
        Set<QueueEntryId> wanted = Set.of(ids);
        return routing.activeEntries().stream().filter(s -> wanted.contains(s.entry().id())).toList();
    }

    @Test
    void anEntryIsStoredWithEverythingTheEngineNeedsToRestoreIt() {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);
        UserId first = user(Role.AGENT);
        UserId second = user(Role.AGENT);
        ConversationId conversation = chat(customer, agent);
        QueueEntry e = entry(QueueEntryId.random(), customer, EntryState.ASSIGNED, agent, -3, List.of(agent),
                List.of(second, first));

        routing.save(List.of(new StoredEntry(e, conversation)), List.of(), T0);

        assertThat(mine(e.id())).containsExactly(new StoredEntry(e, conversation));
        assertThat(routing.find(e.id())).contains(new StoredEntry(e, conversation));
    }

    @Test
    void anEntryHeldInTurnAndDeclinedByEveryAgentOfALargeDeskKeepsBothListsWhole() {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);
        ConversationId conversation = chat(customer, agent);
        List<UserId> held = IntStream.range(0, 2_000).mapToObj(i -> new UserId(UUID.randomUUID().toString())).toList();
        List<UserId> declined = IntStream.range(0, 2_000).mapToObj(i -> new UserId(UUID.randomUUID().toString())).toList();
        QueueEntry e = entry(QueueEntryId.random(), customer, EntryState.WAITING, null, 1, held, declined);

        routing.save(List.of(new StoredEntry(e, conversation)), List.of(), T0);

        assertThat(routing.find(e.id())).map(s -> s.entry().heldBy()).contains(held);
        assertThat(routing.find(e.id())).map(s -> s.entry().declinedBy()).contains(declined);
    }

    @Test
    void savingAgainUpdatesTheEntryAndAFinalEntryIsNoLongerActive() {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);
        ConversationId conversation = chat(customer, agent);
        QueueEntryId id = QueueEntryId.random();
        routing.save(List.of(new StoredEntry(entry(id, customer, EntryState.WAITING, null, 1, List.of()), conversation)),
                List.of(), T0);
        QueueEntry assigned = entry(id, customer, EntryState.ASSIGNED, agent, 1, List.of(agent), List.of(customer));
        routing.save(List.of(new StoredEntry(assigned, conversation)), List.of(), T0.plusSeconds(5));
        assertThat(mine(id)).extracting(StoredEntry::entry).containsExactly(assigned);

        QueueEntry ended = entry(id, customer, EntryState.ENDED, agent, 1, List.of(agent));
        routing.save(List.of(new StoredEntry(ended, conversation)), List.of(), T0.plusSeconds(9));

        assertThat(mine(id)).isEmpty();
        assertThat(routing.find(id)).map(s -> s.entry().state()).contains(EntryState.ENDED);
    }

    @Test
    void activeEntriesComeInQueueOrder() {
        UserId agent = user(Role.AGENT);
        QueueEntryId first = QueueEntryId.random();
        QueueEntryId second = QueueEntryId.random();
        QueueEntryId third = QueueEntryId.random();
        UserId c1 = user(Role.CUSTOMER);
        UserId c2 = user(Role.CUSTOMER);
        UserId c3 = user(Role.CUSTOMER);
        routing.save(List.of(
                new StoredEntry(entry(third, c3, EntryState.WAITING, null, 7, List.of()), chat(c3, agent)),
                new StoredEntry(entry(first, c1, EntryState.OFFERED, agent, -2, List.of()), chat(c1, agent)),
                new StoredEntry(entry(second, c2, EntryState.WAITING, null, 3, List.of()), chat(c2, agent))),
                List.of(), T0);

        assertThat(mine(first, second, third)).extracting(s -> s.entry().id()).containsExactly(first, second, third);
    }

    @Test
    void agentProfilesAreStoredUpdatedAndReadWithTheAgentsName() {
        UserId agent = user(Role.AGENT);
        routing.save(List.of(), List.of(new AgentProfile(agent, "", Availability.AWAY, 4,
                Set.of(new Department("billing"), new Department("tech")))), T0);
        routing.save(List.of(), List.of(new AgentProfile(agent, "", Availability.BUSY, 6,
                Set.of(new Department("tech")))), T0.plusSeconds(1));

        assertThat(routing.agentProfiles()).filteredOn(p -> p.id().equals(agent)).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("A agent");
            assertThat(p.availability()).isEqualTo(Availability.BUSY);
            assertThat(p.maxChats()).isEqualTo(6);
            assertThat(p.departments()).containsExactly(new Department("tech"));
        });
    }

    @Test
    void aFailedWriteStoresNothingOfTheBatch() {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);
        ConversationId conversation = chat(customer, agent);
        QueueEntry good = entry(QueueEntryId.random(), customer, EntryState.WAITING, null, 1, List.of());
        QueueEntry orphan = entry(QueueEntryId.random(), new UserId("nobody-" + customer.value()), EntryState.WAITING,
                null, 2, List.of());

        assertFails(dev.switchboard.common.ErrorCode.INTERNAL, () -> routing.save(List.of(
                new StoredEntry(good, conversation), new StoredEntry(orphan, conversation)),
                List.of(new AgentProfile(agent, "", Availability.AVAILABLE, 3, Set.of())), T0));

        assertThat(mine(good.id(), orphan.id())).isEmpty();
        assertThat(routing.agentProfiles()).noneMatch(p -> p.id().equals(agent));
    }
}
