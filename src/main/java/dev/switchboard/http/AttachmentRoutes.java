package dev.switchboard.http;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.dialect.Seed003Support;
import dev.switchboard.dialect.Views;
import dev.switchboard.identity.User;
import dev.switchboard.support.Attachment;
import dev.switchboard.support.AttachmentService;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Files of support chats. Upload: {@code POST /api/v1/chats/:chatId/attachments} with the raw file
 * as body (what {@code fetch(url, {method: 'POST', body: file})} sends), its type as
 * {@code Content-Type} and its name URL-encoded in {@code X-File-Name} (or {@code ?fileName=}).
 * Download: {@code GET /api/v1/attachments/:id} with the bearer token; images that cannot carry
 * scripts are shown inline, everything else is a download, never sniffed.
 */
public final class AttachmentRoutes {
    private static final Set<String> INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    private final AttachmentService attachments;
    private final Seed003Support seed;

    public AttachmentRoutes(AttachmentService attachments, Seed003Support seed) {
        this.attachments = attachments;
        this.seed = seed;
    }

    public void register(RestRouter router) {
        RestRouter.Access auth = RestRouter.Access.AUTHENTICATED;
        router.post("/api/v1/chats/:chatId/attachments", auth, this::upload);
        router.get("/api/v1/attachments/:id", auth, this::download);
        // public: a client checks a file before uploading it, even before it has a session
        router.get("/api/v1/attachment-limits", RestRouter.Access.PUBLIC,
                r -> RestResponse.ok(new Limits(attachments.maxBytes(), attachments.allowedTypes())));
    }

    /** What an upload may be: at most {@code maxBytes} bytes, of one of {@code types}. */
    public record Limits(long maxBytes, java.util.List<String> types) {}

    private RestResponse upload(RestRequest r) {
        User me = r.principal(User.class);
        ConversationId id = new ConversationId(r.param("chatId"));
        seed.open(me, id); // a customer's other chats look unknown; staff join the chat
        String name = r.queryParam("fileName").orElseGet(() -> decode(r.headers().get("X-File-Name")));
        Attachment a = attachments.upload(me, id, name, r.headers().get("Content-Type"), r.body());
        Views.AttachmentView view = new Views.AttachmentView(a.id(), a.fileName(), a.contentType(), a.size(),
                AttachmentService.url(a.id()));
        return new RestResponse(201, new Seed003Routes.Envelope(true, 201, view, "File uploaded"), Map.of());
    }

    private RestResponse download(RestRequest r) {
        AttachmentService.Download d = attachments.download(r.principal(User.class), r.param("id"));
        Attachment a = d.attachment();
        String encoded = URLEncoder.encode(a.fileName(), StandardCharsets.UTF_8).replace("+", "%20");
        String disposition = (INLINE.contains(a.contentType()) ? "inline" : "attachment") + "; filename*=UTF-8''" + encoded;
        return new RestResponse(200, new RestResponse.Raw(d.bytes(), a.contentType()), Map.of(
                "Content-Disposition", disposition,
                "X-Content-Type-Options", "nosniff",
                "Content-Security-Policy", "default-src 'none'; sandbox"));
    }

    private static String decode(String header) {
        if (header == null) return null;
        try {
            return URLDecoder.decode(header, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return header;
        }
    }
}
