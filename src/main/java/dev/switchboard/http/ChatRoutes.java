package dev.switchboard.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.common.Page;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationService;
import dev.switchboard.conversation.ConversationSummary;
import dev.switchboard.conversation.ConversationType;
import dev.switchboard.conversation.MessagePage;
import dev.switchboard.conversation.SendResult;
import dev.switchboard.conversation.UnreadCounts;
import dev.switchboard.dialect.ChatAnnouncer;
import dev.switchboard.dialect.NativeChatEvents;
import dev.switchboard.dialect.Views;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Seed 001's REST API under {@code /api/chat}: the same operations as the {@code chat:*} events,
 * for clients without a socket (sending here is the REST fallback and is announced to sockets
 * exactly as a socket send is). Bodies are the native views of docs/protocol.md.
 */
public final class ChatRoutes {
    private static final int DEFAULT_PAGE = 50;

    private final ConversationService conversations;
    private final ChatAnnouncer announcer;

    public ChatRoutes(ConversationService conversations, ChatAnnouncer announcer) {
        this.conversations = conversations;
        this.announcer = announcer;
    }

    public void register(RestRouter router) {
        RestRouter.Access auth = RestRouter.Access.AUTHENTICATED;
        router.post("/api/chat/conversations", auth, this::getOrCreate);
        router.get("/api/chat/conversations", auth, this::list);
        router.get("/api/chat/conversations/:id/messages", auth, this::messages);
        router.post("/api/chat/conversations/:id/messages", auth, this::send);
        router.post("/api/chat/conversations/:id/read", auth, this::read);
        router.get("/api/chat/unread-count", auth, this::unread);
        router.get("/api/chat/users/:userId/status", auth,
                r -> RestResponse.ok(announcer.status(me(r), userId(r.param("userId")))));
    }

    private RestResponse getOrCreate(RestRequest r) {
        ObjectNode body = r.jsonObject();
        String other = AuthRoutes.optional(body, "participantId");
        if (other == null) other = AuthRoutes.text(body, "userId");
        Optional<ConversationType> type = Optional.ofNullable(AuthRoutes.optional(body, "type"))
                .map(ConversationType::fromWire);
        return RestResponse.ok(Views.conversation(conversations.getOrCreateDirect(me(r).id(), userId(other), type)));
    }

    private RestResponse list(RestRequest r) {
        Page<ConversationSummary> page = conversations.listForUser(me(r).id(), r.queryParam("cursor").orElse(null),
                r.intQuery("limit", DEFAULT_PAGE, 1, 10_000));
        return RestResponse.ok(new NativeChatEvents.ConversationsPage(
                page.items().stream().map(Views::summary).toList(), page.nextCursor()));
    }

    private RestResponse messages(RestRequest r) {
        ConversationId id = conversationId(r);
        int limit = r.intQuery("limit", DEFAULT_PAGE, 1, 10_000);
        Optional<String> after = r.queryParam("afterSeq").or(() -> r.queryParam("after"));
        Optional<String> before = r.queryParam("beforeSeq").or(() -> r.queryParam("before"));
        MessagePage page = after.isPresent()
                ? conversations.after(me(r).id(), id, seq(after.get()), limit)
                : conversations.history(me(r).id(), id, before.map(ChatRoutes::seq).orElse(null), limit);
        return RestResponse.ok(new NativeChatEvents.MessagesPage(id.value(), Views.messages(page.messages()), page.hasMore()));
    }

    private RestResponse send(RestRequest r) {
        ObjectNode body = r.jsonObject();
        String text = AuthRoutes.optional(body, "message");
        if (text == null) text = AuthRoutes.optional(body, "text");
        if (text == null) text = AuthRoutes.text(body, "content");
        String key = AuthRoutes.optional(body, "clientMessageId");
        if (key == null) key = r.headers().get("Idempotency-Key");
        SendResult result = conversations.send(me(r).id(), conversationId(r), text, key);
        if (result.duplicate()) return RestResponse.ok(Views.message(result.message()));
        announcer.stopTyping(result.message().conversationId(), me(r), null);
        announcer.newMessage(result);
        return RestResponse.created(Views.message(result.message()));
    }

    private RestResponse read(RestRequest r) {
        ObjectNode body = r.jsonObject();
        ConversationId id = conversationId(r);
        Long upTo = body.hasNonNull("upToSeq") ? seq(body.get("upToSeq").asText()) : null;
        Views.ReadView read = Views.read(conversations.markRead(me(r).id(), id, upTo));
        announcer.read(conversations.get(me(r).id(), id), read);
        return RestResponse.ok(read);
    }

    private RestResponse unread(RestRequest r) {
        UnreadCounts counts = conversations.unreadCount(me(r).id());
        Map<String, Long> byConversation = new LinkedHashMap<>();
        counts.byConversation().forEach((id, n) -> byConversation.put(id.value(), n));
        return RestResponse.ok(new NativeChatEvents.Unread(counts.total(), byConversation));
    }

    private static User me(RestRequest r) {
        return r.principal(User.class);
    }

    private static ConversationId conversationId(RestRequest r) {
        return new ConversationId(r.param("id")); // validates, as VALIDATION_FAILED
    }

    private static UserId userId(String raw) {
        return new UserId(raw);
    }

    private static long seq(String raw) {
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw SwitchboardException.invalid("sequence numbers are whole numbers");
        }
    }
}
