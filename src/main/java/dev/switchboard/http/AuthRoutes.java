package dev.switchboard.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.dialect.Views;
import dev.switchboard.identity.IdentityService;
import dev.switchboard.identity.User;
import java.time.Instant;

/**
 * Built-in accounts and visitor sessions (C2) under {@code /api/auth}: register, login, refresh,
 * visitor, me. Host applications that mint their own tokens need none of these.
 */
public final class AuthRoutes {
    private final IdentityService identity;

    public AuthRoutes(IdentityService identity) {
        this.identity = identity;
    }

    /** Answer of register, login and refresh. */
    public record SessionView(
            Views.SelfView user, String accessToken, Instant accessTokenExpiresAt, String refreshToken,
            Instant refreshTokenExpiresAt) {}

    public record VisitorView(Views.SelfView user, String accessToken, Instant accessTokenExpiresAt) {}

    public void register(RestRouter router) {
        router.post("/api/auth/register", RestRouter.Access.PUBLIC, r -> {
            ObjectNode body = r.jsonObject();
            return RestResponse.created(view(identity.register(text(body, "email"), password(body), text(body, "name"))));
        });
        router.post("/api/auth/login", RestRouter.Access.PUBLIC,
                r -> RestResponse.ok(view(identity.login(text(r.jsonObject(), "email"), password(r.jsonObject())))));
        router.post("/api/auth/refresh", RestRouter.Access.PUBLIC,
                r -> RestResponse.ok(view(identity.refresh(text(r.jsonObject(), "refreshToken")))));
        router.post("/api/auth/logout", RestRouter.Access.PUBLIC, r -> {
            identity.logout(text(r.jsonObject(), "refreshToken"));
            return RestResponse.noContent();
        });
        router.post("/api/auth/visitor", RestRouter.Access.PUBLIC, r -> {
            ObjectNode body = r.jsonObject();
            IdentityService.VisitorSession session = identity.visitor(optional(body, "name"), optional(body, "email"));
            return RestResponse.created(new VisitorView(Views.self(session.user()), session.token().token(),
                    session.token().expiresAt()));
        });
        router.get("/api/auth/me", RestRouter.Access.AUTHENTICATED, r -> RestResponse.ok(Views.self(r.principal(User.class))));
    }

    private static SessionView view(IdentityService.Session s) {
        return new SessionView(Views.self(s.user()), s.tokens().accessToken(), s.tokens().accessExpiresAt(),
                s.tokens().refreshToken(), s.tokens().refreshExpiresAt());
    }

    static String text(ObjectNode body, String field) {
        var value = body.get(field);
        if (value == null || value.isNull()) throw SwitchboardException.invalid(field + " is required");
        if (!value.isTextual()) throw SwitchboardException.invalid(field + " must be a string");
        return value.asText();
    }

    static String optional(ObjectNode body, String field) {
        var value = body.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.isTextual()) throw SwitchboardException.invalid(field + " must be a string");
        return value.asText();
    }

    private static char[] password(ObjectNode body) {
        return text(body, "password").toCharArray();
    }
}
