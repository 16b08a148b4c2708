package dev.switchboard.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.Json;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.identity.UserId;
import dev.switchboard.routing.RoutingEvent.Assigned;
import dev.switchboard.routing.RoutingEvent.Ended;
import dev.switchboard.routing.RoutingEvent.Left;
import dev.switchboard.routing.RoutingEvent.TimedOut;
import dev.switchboard.routing.RoutingEvent.Transferred;
import dev.switchboard.routing.RoutingStore.StoredEntry;
import dev.switchboard.support.SupportChat;
import dev.switchboard.support.SupportChatService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing service's bookkeeping between the engine and the outside: which support chat each
 * entry belongs to, what storage holds (so that after a command exactly the entries and agents that
 * differ are written, by comparing states, like the engine's own announcements), the changes not
 * stored yet, the support chats that follow assignments, and the listeners. Guarded by the
 * service's lock.
 */
final class RoutingJournal {
    private static final Logger log = LoggerFactory.getLogger(RoutingJournal.class);
    private static final ObjectMapper JSON = Json.newMapper();

    private final RoutingEngine engine;
    private final RoutingStore store;
    private final SupportChatService support;
    private final Clock clock;
    private final List<RoutingListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<QueueEntryId, ConversationId> conversations = new HashMap<>();
    private final Map<ConversationId, QueueEntryId> active = new HashMap<>();
    private final Map<QueueEntryId, QueueEntry> storedEntries = new HashMap<>();
    private final Map<UserId, AgentProfile> storedAgents = new HashMap<>();
    private final List<RoutingEvent> pending = new ArrayList<>();
    private boolean unsynced; // saved since the last takeUnsynced

    RoutingJournal(RoutingEngine engine, RoutingStore store, SupportChatService support, Clock clock) {
        this.engine = engine;
        this.store = store;
        this.support = support;
        this.clock = clock;
    }

    void listen(RoutingListener listener) {
        listeners.add(listener);
    }

    static String detailsJson(CustomerDetails details) {
        try {
            return JSON.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("customer details cannot be written as JSON", e);
        }
    }

    void restore() {
        List<StoredEntry> entries = store.activeEntries();
        List<AgentProfile> agents = store.agentProfiles();
        for (StoredEntry s : entries) {
            conversations.put(s.entry().id(), s.conversation());
            storedEntries.put(s.entry().id(), s.entry());
        }
        for (AgentProfile a : agents) storedAgents.put(a.id(), a);
        run(() -> engine.restore(agents, entries.stream().map(StoredEntry::entry).toList()));
        log.info("routing restored: {} active queue entries, {} agents", entries.size(), agents.size());
    }

    void bind(QueueEntryId entry, ConversationId conversation) {
        conversations.putIfAbsent(entry, conversation);
    }

    Optional<ConversationId> conversationOf(QueueEntryId entry) {
        return Optional.ofNullable(conversations.get(entry));
    }

    Optional<QueueEntryId> activeEntryOf(ConversationId conversation) {
        return Optional.ofNullable(active.get(conversation));
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Whether something was saved since the last call (then {@link RoutingStore#sync} is due). */
    boolean takeUnsynced() {
        boolean was = unsynced;
        unsynced = false;
        return was;
    }

    /** Runs an engine command (it throws before changing anything, or changes and returns), then flushes. */
    List<RoutingEvent> run(Supplier<List<RoutingEvent>> command) {
        List<RoutingEvent> events = command.get();
        pending.addAll(events);
        flush();
        return events;
    }

    /** Stores what differs from storage, then lets support chats follow and the listeners hear of it. */
    void flush() {
        Map<QueueEntryId, QueueEntry> now = new LinkedHashMap<>();
        for (QueueEntry e : engine.queries().activeEntries()) now.put(e.id(), e);
        List<StoredEntry> entries = changedEntries(now);
        List<AgentProfile> agents = engine.queries().agents().stream().map(AgentProfile::of)
                .filter(p -> !p.equals(storedAgents.get(p.id()))).toList();
        try {
            store.save(entries, agents, clock.instant());
            if (!entries.isEmpty() || !agents.isEmpty()) unsynced = true;
        } catch (SwitchboardException e) {
            log.error("routing changes could not be stored ({}); kept to retry", e.code(), e);
            throw new SwitchboardException(ErrorCode.UNAVAILABLE,
                    "the change could not be stored yet; it is retried, and may be repeated safely", e);
        }
        storedEntries.keySet().retainAll(now.keySet());
        for (StoredEntry s : entries) {
            if (s.entry().state().isActive()) storedEntries.put(s.entry().id(), s.entry());
        }
        agents.forEach(a -> storedAgents.put(a.id(), a));
        active.clear();
        now.keySet().forEach(id -> {
            ConversationId c = conversations.get(id);
            if (c != null) active.put(c, id);
        });
        List<RoutingEvent> batch = List.copyOf(pending);
        pending.clear();
        followSupportChats(batch);
        announce(batch);
    }

    private List<StoredEntry> changedEntries(Map<QueueEntryId, QueueEntry> now) {
        Map<QueueEntryId, QueueEntry> changed = new LinkedHashMap<>();
        for (QueueEntry e : now.values()) {
            if (!e.equals(storedEntries.get(e.id()))) changed.put(e.id(), e);
        }
        for (RoutingEvent event : pending) {
            QueueEntry closed = switch (event) {
                case Ended e -> e.entry();
                case Left l -> l.entry();
                case TimedOut t -> t.entry();
                default -> null;
            };
            if (closed != null && !now.containsKey(closed.id())) changed.put(closed.id(), closed);
        }
        List<StoredEntry> list = new ArrayList<>();
        for (QueueEntry e : changed.values()) {
            ConversationId c = conversations.get(e.id());
            if (c == null) {
                log.error("queue entry {} has no support chat; not stored", e.id());
            } else {
                list.add(new StoredEntry(e, c));
            }
        }
        return list;
    }

    /** Assignments and transfers make the agent the chat's assignee (and a participant); an ended session resolves it. */
    private void followSupportChats(List<RoutingEvent> batch) {
        for (RoutingEvent event : batch) {
            switch (event) {
                case Assigned a -> assignChat(a.entry().id(), a.agent());
                case Transferred t -> assignChat(t.entry().id(), t.to());
                case Ended e -> conversationOf(e.entry().id()).ifPresent(this::resolveChat);
                default -> { }
            }
        }
    }

    private void assignChat(QueueEntryId entry, UserId agent) {
        ConversationId id = conversations.get(entry);
        if (id == null) return;
        // routing decides live assignments; a ticket assignment made meanwhile is overruled, once
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                Optional<SupportChat> chat = support.find(id);
                if (chat.isEmpty() || agent.equals(chat.get().assignee())) return;
                support.assignByRouting(id, chat.get().assignee(), agent);
                return;
            } catch (SwitchboardException e) {
                if (e.code() != ErrorCode.ALREADY_ASSIGNED || attempt == 2) {
                    log.warn("support chat {} not assigned to {}: {}", id, agent, e.code());
                    return;
                }
            }
        }
    }

    private void resolveChat(ConversationId id) {
        try {
            support.resolveByRouting(id);
        } catch (SwitchboardException e) {
            log.warn("support chat {} not resolved: {}", id, e.code());
        }
    }

    private void announce(List<RoutingEvent> batch) {
        if (batch.isEmpty()) return;
        Map<QueueEntryId, ConversationId> mentioned = new HashMap<>();
        List<QueueEntryId> finished = new ArrayList<>();
        for (RoutingEvent event : batch) {
            if (event instanceof RoutingEvent.PositionChanged p) mention(p.entry(), mentioned);
            if (event instanceof RoutingEvent.QueueChanged q) q.queue().forEach(e -> mention(e.id(), mentioned));
            QueueEntry entry = entryOf(event);
            if (entry == null) continue;
            ConversationId c = conversations.get(entry.id());
            if (c != null) mentioned.put(entry.id(), c);
            if (!entry.state().isActive()) finished.add(entry.id());
        }
        for (RoutingListener listener : listeners) {
            try {
                listener.routed(batch, Map.copyOf(mentioned));
            } catch (RuntimeException e) {
                log.error("a routing listener failed", e);
            }
        }
        for (QueueEntryId id : finished) {
            if (engine.queries().entry(id).isEmpty()) conversations.remove(id);
        }
    }

    private void mention(QueueEntryId id, Map<QueueEntryId, ConversationId> mentioned) {
        ConversationId c = conversations.get(id);
        if (c != null) mentioned.put(id, c);
    }

    private static QueueEntry entryOf(RoutingEvent event) {
        return switch (event) {
            case RoutingEvent.Offered e -> e.entry();
            case RoutingEvent.OfferWithdrawn e -> e.entry();
            case Assigned e -> e.entry();
            case RoutingEvent.Unassigned e -> e.entry();
            case Transferred e -> e.entry();
            case Ended e -> e.entry();
            case Left e -> e.entry();
            case TimedOut e -> e.entry();
            case RoutingEvent.NoAgentAvailable e -> e.entry();
            default -> null;
        };
    }
}
