package dev.switchboard.support;

import dev.switchboard.common.LruCache;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.support.SupportChatStore.Writers;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who writes in each support chat (its customer and assignee), remembered so that a send into a chat can
 * be checked without a read, on the event loop (docs/performance.md, step 28). A chat's customer never
 * changes and its assignee only through {@link SupportChatService}, which tells this after each change is
 * committed ({@link #assigned}). A read that began before such a change and ends after it is not
 * remembered (the generation moved meanwhile), so what is remembered is never older than the last change
 * told. One process: with several nodes sharing a database this would need telling of the others'
 * changes (C11).
 */
final class ChatWriters {
    private static final int CACHED = 50_000;

    private final LruCache<ConversationId, Writers> known = new LruCache<>(CACHED);
    private final Object lock = new Object();
    private long generation; // guarded by lock: moves at every change told

    /** The chat's writers, remembered or read through {@code read} (empty: no support chat, not remembered). */
    Optional<Writers> get(ConversationId id, Function<ConversationId, Optional<Writers>> read) {
        Writers w = known.get(id);
        if (w != null) return Optional.of(w);
        long before;
        synchronized (lock) {
            before = generation;
        }
        Optional<Writers> found = read.apply(id);
        if (found.isPresent()) {
            synchronized (lock) {
                if (generation == before) known.put(id, found.get());
            }
        }
        return found;
    }

    /** The chat's writers if remembered, else null (then {@link #get} reads them). */
    Writers remembered(ConversationId id) {
        return known.get(id);
    }

    /**
     * The chat's assignee changed (committed): forget its writers, so that the next {@link #get} reads them.
     * Not remembered from the change itself: two changes told in the other order than committed would
     * leave the older one.
     */
    void assigned(ConversationId id) {
        synchronized (lock) {
            generation++;
            known.remove(id);
        }
    }
}
