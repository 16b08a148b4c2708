package dev.switchboard.presence;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.identity.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is typing where (C4). A start without a matching stop expires after {@code ttl}; whoever
 * runs {@link #expireDue()} periodically announces those expiries as stops. Thread-safe.
 */
public final class TypingService {
    /** One person typing in one conversation. */
    public record Typist(ConversationId conversationId, UserId userId) {}

    private final Clock clock;
    private final Duration ttl;
    private final Map<Typist, Instant> deadlines = new ConcurrentHashMap<>();

    public TypingService(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Records typing (again); true when the user was not typing there before. */
    public boolean start(ConversationId conversation, UserId user) {
        return deadlines.put(new Typist(conversation, user), clock.instant().plus(ttl)) == null;
    }

    /** True when the user was typing there. */
    public boolean stop(ConversationId conversation, UserId user) {
        return deadlines.remove(new Typist(conversation, user)) != null;
    }

    /** Stops every typing of the user (their last connection closed); returns where they were typing. */
    public List<ConversationId> stopAll(UserId user) {
        List<ConversationId> stopped = new ArrayList<>();
        deadlines.keySet().removeIf(t -> {
            if (!t.userId().equals(user)) return false;
            stopped.add(t.conversationId());
            return true;
        });
        return stopped;
    }

    public List<UserId> typing(ConversationId conversation) {
        return deadlines.keySet().stream().filter(t -> t.conversationId().equals(conversation)).map(Typist::userId).toList();
    }

    /** Removes and returns the typings whose time is up. */
    public List<Typist> expireDue() {
        Instant now = clock.instant();
        List<Typist> expired = new ArrayList<>();
        deadlines.forEach((typist, deadline) -> {
            if (!deadline.isAfter(now) && deadlines.remove(typist, deadline)) expired.add(typist);
        });
        return expired;
    }
}
