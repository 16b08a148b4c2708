package dev.switchboard.conversation;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.LruCache;
import dev.switchboard.common.Page;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules of conversations and messages (C3), shared by every dialect: who may talk to whom, who
 * may read and write a conversation, what a valid message is, and how paging is bounded. Every
 * method blocks on storage: call it from a virtual thread or worker, never an event loop. Every
 * failure is a {@link SwitchboardException}, raised before anything is written.
 *
 * <p>Internal notes ({@link Visibility#STAFF}) are written by staff only and reach staff only;
 * the store leaves them out of every read for anyone else.
 *
 * <p>The send path remembers what rarely changes once a conversation exists: its participants (by id;
 * a support chat gains one when assigned, see {@link #participantsChanged})
 * and which conversation a direct pair of a type is (conversations are never deleted; code that
 * deletes one must evict it here). Roles can change, so they are asked of the {@link UserStore} on
 * every direct send, both users at once (on the embedded database it answers from memory that every
 * change clears, see {@code CachedUserStore}). Both caches are bounded.
 */
public final class ConversationService {
    /** Entries per cache: about 100 bytes each, so a few MB at most. */
    static final int CACHED_CONVERSATIONS = 50_000;
    /** How long after sending the author may still edit a message. */
    public static final Duration EDIT_WINDOW = Duration.ofHours(24);

    private final ConversationStore store;
    private final UserStore users;
    private final Clock clock;
    private final ChatLimits limits;
    private final LruCache<ConversationId, Members> membersById = new LruCache<>(CACHED_CONVERSATIONS);
    private final LruCache<DirectKey, Members> directs = new LruCache<>(CACHED_CONVERSATIONS);
    private final MessageEdits edits;
    private volatile SendGuard sendGuard = (sender, conversation) -> { };

    public ConversationService(ConversationStore store, UserStore users, Clock clock, ChatLimits limits) {
        this.store = Objects.requireNonNull(store);
        this.users = Objects.requireNonNull(users);
        this.clock = Objects.requireNonNull(clock);
        this.limits = Objects.requireNonNull(limits);
        this.edits = new MessageEdits(store, users);
    }

    /**
     * The one conversation of the given type between {@code me} and {@code other}, created on first
     * use. Without a type, the type is inferred from the two roles.
     */
    public Conversation getOrCreateDirect(UserId me, UserId other, Optional<ConversationType> type) {
        ConversationType chosen = directType(me, other, type);
        Conversation conversation = createDirect(chosen, me, other);
        remember(new Members(conversation.id(), conversation.participants()), DirectKey.of(chosen, me, other));
        return conversation;
    }

    /** My conversations, latest activity first, with unread counts; {@code cursor} null for the first page. */
    public Page<ConversationSummary> listForUser(UserId me, String cursor, int limit) {
        return store.summaries(me, cursor, clampLimit(limit));
    }

    /** A conversation I take part in. */
    public Conversation get(UserId me, ConversationId id) {
        return requireParticipant(me, id);
    }

    /**
     * The direct conversation between me and {@code other} of the type their roles imply, if one
     * was started; never creates one.
     */
    public Optional<Conversation> findDirect(UserId me, UserId other) {
        if (me.equals(other)) return Optional.empty();
        Map<UserId, User> both = users.findAll(List.of(me, other));
        User self = requireUser(both, me);
        User peer = requireUser(both, other);
        return ConversationType.inferFor(self.role(), peer.role()).flatMap(t -> store.findDirect(t, me, other));
    }

    /** The people I share a conversation with. */
    public List<UserId> contactsOf(UserId me) {
        return store.contactsOf(me);
    }

    /**
     * A conversation without any permission check: only for the server's own announcements (a
     * typing indicator that expired), never on behalf of a client.
     */
    public Optional<Conversation> lookup(ConversationId id) {
        return store.findById(id);
    }

    /**
     * Forgets what this service remembered about the conversation's participants: support chats gain
     * a participant when they are assigned (the only conversations whose participants change).
     */
    public void participantsChanged(ConversationId id) {
        membersById.remove(id);
    }

    /** Sets the rule for sends into support conversations (see {@link SendGuard}); call once, at wiring. */
    public void guardSends(SendGuard guard) {
        this.sendGuard = Objects.requireNonNull(guard);
    }

    public boolean isParticipant(UserId me, ConversationId id) {
        return store.isParticipant(id, me);
    }

    /**
     * Stores a text message from me. A retry with the same {@code clientKey} (may be null) returns the
     * original message marked duplicate and stores nothing.
     */
    public SendResult send(UserId me, ConversationId id, String text, String clientKey) {
        return send(me, id, text, clientKey, MessageKind.TEXT, Visibility.ALL);
    }

    /**
     * Stores a message of any kind but system notices; {@link Visibility#STAFF} (an internal note)
     * only from staff, and then only staff participants are its recipients.
     */
    public SendResult send(UserId me, ConversationId id, String text, String clientKey, MessageKind kind,
            Visibility visibility) {
        validate(text, clientKey);
        if (kind == MessageKind.SYSTEM) throw SwitchboardException.invalid("clients cannot send system messages");
        Members members = membersById.get(id);
        if (members == null) {
            Conversation conversation = store.findById(id).orElseThrow(ConversationService::conversationNotFound);
            // a direct customer–agent conversation has the support type too, but is never a support chat
            members = new Members(id, conversation.participants(),
                    conversation.type() == ConversationType.CUSTOMER_SUPPORT && !store.isDirect(id));
            membersById.put(id, members);
        }
        if (!members.participants().contains(me)) throw new SwitchboardException(ErrorCode.NOT_PARTICIPANT);
        if (visibility == Visibility.ALL) {
            // who speaks to the customer is the support rule; notes are for every staff participant
            if (members.guarded()) sendGuard.check(me, id);
            return append(me, members, text, clientKey, kind, visibility);
        }
        Map<UserId, User> people = users.findAll(members.participants());
        if (people.get(me) == null || !people.get(me).role().isStaff()) {
            throw new SwitchboardException(ErrorCode.FORBIDDEN, "only staff write internal notes");
        }
        SendResult note = append(me, members, text, clientKey, kind, visibility);
        return new SendResult(note.message(), note.duplicate(), staffOnly(note.recipients(), people),
                note.maybeSupportChat());
    }

    /**
     * Replaces the text of my own message, within {@link #EDIT_WINDOW} of sending it; a deleted
     * message or a system notice cannot be edited (MESSAGE_NOT_EDITABLE).
     */
    public MessageUpdate edit(UserId me, ConversationId id, MessageId messageId, String text) {
        validate(text, null);
        return edits.edit(me, requireParticipant(me, id), messageId, text, now());
    }

    /**
     * Soft delete by the author or an admin: the text is gone for everyone, the seq stays. Deleting
     * twice is MESSAGE_NOT_EDITABLE.
     */
    public MessageUpdate delete(UserId me, ConversationId id, MessageId messageId) {
        return edits.delete(me, requireParticipant(me, id), messageId, now());
    }

    /** One message as {@code me} may see it (participants only; a note only for staff), if any. */
    public Optional<Message> message(UserId me, ConversationId id, MessageId messageId) {
        return edits.message(me, requireParticipant(me, id), messageId);
    }

    static List<UserId> staffOnly(List<UserId> ids, Map<UserId, User> people) {
        return ids.stream().filter(id -> people.get(id) != null && people.get(id).role().isStaff()).toList();
    }

    /**
     * Seed 004's {@code send-message}: addressed to a user, not a conversation. It lands in the direct
     * conversation with that user (type inferred), the same one {@code chat:*} events use.
     */
    public SendResult sendDirect(UserId me, UserId receiver, String text, String clientKey) {
        validate(text, clientKey); // before the conversation is created, so bad input writes nothing
        ConversationType type = directType(me, receiver, Optional.empty());
        DirectKey key = DirectKey.of(type, me, receiver);
        Members members = directs.get(key);
        if (members == null) {
            Conversation conversation = createDirect(type, me, receiver);
            members = remember(new Members(conversation.id(), conversation.participants()), key);
        }
        return append(me, members, text, clientKey, MessageKind.TEXT, Visibility.ALL);
    }

    /**
     * {@link #sendDirect} for a caller that may not wait (an event loop): sent when everything it needs
     * is in memory (both users, the conversation, what {@link ConversationStore#appendNow} needs);
     * otherwise empty, with nothing written. Bad input is refused as by {@code sendDirect}.
     */
    public Optional<SendResult> sendDirectNow(UserId me, UserId receiver, String text, String clientKey) {
        validate(text, clientKey);
        if (me.equals(receiver)) throw SwitchboardException.invalid("cannot start a conversation with yourself");
        Optional<Map<UserId, User>> both = users.findAllInMemory(List.of(me, receiver));
        if (both.isEmpty()) return Optional.empty();
        ConversationType type = directType(me, receiver, Optional.empty(), both.get());
        Members members = directs.get(DirectKey.of(type, me, receiver));
        if (members == null) return Optional.empty();
        return store.appendNow(newMessage(me, members, text, clientKey, MessageKind.TEXT, Visibility.ALL))
                .map(appended -> sent(me, members, appended));
    }

    /**
     * {@link #send} of a text message visible to all, for a caller that may not wait (an event loop):
     * sent when the conversation's participants are remembered, a support chat's guard allows the sender
     * from memory ({@link SendGuard#allowsNow}), and {@link ConversationStore#appendNow} can store it;
     * otherwise empty, with nothing written. Bad input and a sender who is not a
     * participant are refused as by {@code send}.
     */
    public Optional<SendResult> sendNow(UserId me, ConversationId id, String text, String clientKey) {
        validate(text, clientKey);
        Members members = membersById.get(id);
        if (members == null) return Optional.empty();
        if (!members.participants().contains(me)) throw new SwitchboardException(ErrorCode.NOT_PARTICIPANT);
        if (members.guarded() && !sendGuard.allowsNow(me, id)) return Optional.empty();
        return store.appendNow(newMessage(me, members, text, clientKey, MessageKind.TEXT, Visibility.ALL))
                .map(appended -> sent(me, members, appended));
    }

    /** Whether {@link #sendDirectNow} and {@link #sendNow} can ever send (the store can append without waiting). */
    public boolean sendsNow() {
        return store.appendsNow();
    }

    /**
     * A page of history going back in time: the newest {@code limit} messages before
     * {@code beforeSeq} (null: from the latest), returned oldest first.
     */
    public MessagePage history(UserId me, ConversationId id, Long beforeSeq, int limit) {
        if (beforeSeq != null && beforeSeq < 1) throw SwitchboardException.invalid("beforeSeq must be >= 1");
        requireParticipant(me, id);
        int size = clampLimit(limit);
        List<Message> newestFirst = store.before(id, me, beforeSeq == null ? Long.MAX_VALUE : beforeSeq, size + 1);
        boolean hasMore = newestFirst.size() > size;
        List<Message> page = new ArrayList<>(newestFirst.subList(0, Math.min(size, newestFirst.size())));
        Collections.reverse(page);
        return new MessagePage(page, hasMore);
    }

    /** Catch-up after a reconnect: messages after {@code afterSeq} (0: from the start), oldest first. */
    public MessagePage after(UserId me, ConversationId id, long afterSeq, int limit) {
        if (afterSeq < 0) throw SwitchboardException.invalid("afterSeq must be >= 0");
        requireParticipant(me, id);
        int size = clampLimit(limit);
        List<Message> oldestFirst = store.after(id, me, afterSeq, size + 1);
        boolean hasMore = oldestFirst.size() > size;
        return new MessagePage(oldestFirst.subList(0, Math.min(size, oldestFirst.size())), hasMore);
    }

    /**
     * Marks my messages read up to {@code uptoSeq} (null: up to the latest). Read state never moves
     * backwards: an older position leaves it unchanged and returns it as it is.
     */
    public ReadReceipt markRead(UserId me, ConversationId id, Long uptoSeq) {
        if (uptoSeq != null && uptoSeq < 0) throw SwitchboardException.invalid("uptoSeq must be >= 0");
        requireParticipant(me, id);
        return store.markRead(id, me, uptoSeq == null ? Long.MAX_VALUE : uptoSeq, now());
    }

    /** My unread messages (others' messages after my read position), in total and per conversation. */
    public UnreadCounts unreadCount(UserId me) {
        return UnreadCounts.of(store.unreadCounts(me));
    }

    private SendResult append(UserId me, Members members, String text, String clientKey, MessageKind kind,
            Visibility visibility) {
        return sent(me, members, store.append(newMessage(me, members, text, clientKey, kind, visibility)));
    }

    private ConversationStore.NewMessage newMessage(UserId me, Members members, String text, String clientKey,
            MessageKind kind, Visibility visibility) {
        Instant now = now();
        return new ConversationStore.NewMessage(MessageId.timeOrdered(now), members.id(), me, text, kind, clientKey, now,
                visibility);
    }

    private static SendResult sent(UserId me, Members members, ConversationStore.Appended appended) {
        return new SendResult(appended.message(), appended.duplicate(), members.othersThan(me), members.guarded());
    }

    /** The type of a direct conversation between two users: the one asked for, or the one their roles imply. */
    private ConversationType directType(UserId me, UserId other, Optional<ConversationType> type) {
        if (me.equals(other)) throw SwitchboardException.invalid("cannot start a conversation with yourself");
        return directType(me, other, type, users.findAll(List.of(me, other)));
    }

    private static ConversationType directType(UserId me, UserId other, Optional<ConversationType> type,
            Map<UserId, User> both) {
        User self = requireUser(both, me);
        User peer = requireUser(both, other);
        Optional<ConversationType> fitting = ConversationType.inferFor(self.role(), peer.role());
        ConversationType chosen = type.orElseGet(() -> fitting.orElse(null));
        if (chosen == null || !chosen.allows(self.role(), peer.role())) {
            throw new SwitchboardException(ErrorCode.FORBIDDEN, "a " + self.role().wire() + " and a "
                    + peer.role().wire() + " cannot hold a " + (chosen == null ? "conversation" : chosen.wire()));
        }
        return chosen;
    }

    private Conversation createDirect(ConversationType type, UserId me, UserId other) {
        Instant now = now();
        return store.findOrCreateDirect(new Conversation(ConversationId.random(), type, List.of(me, other), now, now, 0));
    }

    private Members remember(Members members, DirectKey key) {
        membersById.put(members.id(), members);
        directs.put(key, members);
        return members;
    }

    private Conversation requireParticipant(UserId me, ConversationId id) {
        Conversation conversation = store.findById(id).orElseThrow(ConversationService::conversationNotFound);
        if (!conversation.hasParticipant(me)) throw new SwitchboardException(ErrorCode.NOT_PARTICIPANT);
        return conversation;
    }

    private static SwitchboardException conversationNotFound() {
        return SwitchboardException.notFound(ErrorCode.CONVERSATION_NOT_FOUND, "conversation");
    }

    private static User requireUser(Map<UserId, User> found, UserId id) {
        User user = found.get(id);
        if (user == null) throw SwitchboardException.notFound(ErrorCode.USER_NOT_FOUND, "user");
        return user;
    }

    /**
     * What never changes about a conversation once it exists (participants only by
     * {@link #participantsChanged}); {@code guarded}: support conversations, whose sends the
     * {@link SendGuard} checks too (false for direct ones, which are never support chats, whatever their type).
     */
    private record Members(ConversationId id, List<UserId> participants, boolean guarded) {
        Members(ConversationId id, List<UserId> participants) {
            this(id, participants, false);
        }

        List<UserId> othersThan(UserId user) {
            if (participants.size() == 2) { // a direct conversation, most messages: no stream
                if (participants.get(0).equals(user)) return List.of(participants.get(1));
                if (participants.get(1).equals(user)) return List.of(participants.get(0));
            }
            return participants.stream().filter(p -> !p.equals(user)).toList();
        }
    }

    private void validate(String text, String clientKey) {
        if (text == null || text.isBlank()) throw SwitchboardException.invalid("message text is empty");
        // Code points, not UTF-16 units: an emoji is one character to the person typing it.
        if (text.codePointCount(0, text.length()) > limits.maxMessageChars()) {
            throw new SwitchboardException(ErrorCode.MESSAGE_TOO_LONG,
                    "message text is longer than " + limits.maxMessageChars() + " characters");
        }
        if (text.indexOf('\0') >= 0) throw SwitchboardException.invalid("message text contains NUL");
        if (clientKey != null && (clientKey.isBlank() || clientKey.length() > Message.MAX_CLIENT_KEY_LENGTH
                || clientKey.indexOf('\0') >= 0)) {
            throw SwitchboardException.invalid("clientKey must be 1.." + Message.MAX_CLIENT_KEY_LENGTH + " characters");
        }
    }

    private int clampLimit(int limit) {
        if (limit < 1) throw SwitchboardException.invalid("limit must be >= 1");
        return Math.min(limit, limits.maxPageSize());
    }

    // Both databases keep microseconds; truncating here makes what we return equal what we read back.
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
