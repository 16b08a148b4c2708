package dev.switchboard.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.SendResult;
import dev.switchboard.dialect.Seed003Support;
import dev.switchboard.dialect.Seed003Views;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.User;
import dev.switchboard.support.SupportChatService;
import java.util.List;
import java.util.Map;

/**
 * Seed 003's REST API under {@code /api/v1/chats}. Successful answers use seed 003's envelope
 * {@code {success: true, statusCode, data, message}}; errors stay problem+json with our stable
 * {@code code} (docs/protocol.md). Admin routes: the list for agents and admins, statistics for
 * admins.
 */
public final class Seed003Routes {
    private final Seed003Support seed;
    private final StatsSource stats;

    /** Where GET /admin/stats gets its figures (the ticket statistics), as a JSON-ready object. */
    @FunctionalInterface
    public interface StatsSource {
        Object stats(User me, ObjectNode query);
    }

    public Seed003Routes(Seed003Support seed, StatsSource stats) {
        this.seed = seed;
        this.stats = stats;
    }

    /** Seed 003's success envelope. */
    public record Envelope(boolean success, int statusCode, Object data, String message) {}

    public void register(RestRouter router) {
        RestRouter.Access auth = RestRouter.Access.AUTHENTICATED;
        // the literal admin paths first: the router takes the first route that matches
        router.get("/api/v1/chats/admin/all", auth, r -> ok(seed.list(staff(r), query(r)), "Chats fetched"));
        router.get("/api/v1/chats/admin/stats", auth, r -> ok(stats.stats(admin(r), query(r)), "Statistics fetched"));
        router.post("/api/v1/chats/support", auth, r -> ok(seed.openOrGet(me(r), r.jsonObject()), "Support chat ready"));
        router.get("/api/v1/chats/support", auth, r -> ok(seed.current(me(r)).orElse(null),
                seed.current(me(r)).isPresent() ? "Support chat fetched" : "No support chat"));
        router.get("/api/v1/chats/:chatId/messages", auth, r -> ok(seed.messages(me(r), chatId(r),
                r.queryParam("before").or(() -> r.queryParam("beforeSeq")).map(Seed003Routes::seq).orElse(null),
                r.intQuery("limit", 50, 1, 10_000)), "Messages fetched"));
        router.post("/api/v1/chats/:chatId/messages", auth, this::send);
        router.post("/api/v1/chats/:chatId/read", auth, r -> ok(seed.markRead(me(r), chatId(r)), "Messages marked as read"));
        router.put("/api/v1/chats/:chatId/status", auth, r -> ok(seed.update(me(r), chatId(r), r.jsonObject()),
                "Chat updated"));
        router.post("/api/v1/chats/:chatId/assign", auth, r -> ok(seed.assign(me(r), chatId(r), r.jsonObject()),
                "Chat assigned"));
    }

    private RestResponse send(RestRequest r) {
        ObjectNode body = r.jsonObject();
        if (!body.has("clientMessageId") && r.headers().get("Idempotency-Key") != null) {
            body.put("clientMessageId", r.headers().get("Idempotency-Key"));
        }
        SendResult result = seed.send(me(r), chatId(r), body);
        Seed003Views.ChatMessage message = Seed003Views.message(result.message());
        if (result.duplicate()) return ok(message, "Message already sent");
        return new RestResponse(201, new Envelope(true, 201, message, "Message sent"), Map.of());
    }

    private static RestResponse ok(Object data, String message) {
        return RestResponse.ok(new Envelope(true, 200, data, message));
    }

    /** The query string as an object, so the socket events' argument parsing applies unchanged. */
    private static ObjectNode query(RestRequest r) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, List<String>> e : r.query().entrySet()) {
            if (!e.getValue().isEmpty()) node.put(e.getKey(), e.getValue().get(0));
        }
        return node;
    }

    private static User me(RestRequest r) {
        return r.principal(User.class);
    }

    private static User staff(RestRequest r) {
        User me = me(r);
        if (!SupportChatService.isSupportStaff(me.role())) {
            throw new SwitchboardException(ErrorCode.FORBIDDEN, "only agents and admins list all chats");
        }
        return me;
    }

    private static User admin(RestRequest r) {
        User me = me(r);
        if (me.role() != Role.ADMIN) throw new SwitchboardException(ErrorCode.FORBIDDEN, "only admins see statistics");
        return me;
    }

    private static ConversationId chatId(RestRequest r) {
        return new ConversationId(r.param("chatId"));
    }

    private static long seq(String raw) {
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw SwitchboardException.invalid("before must be a whole number (a seq)");
        }
    }
}
