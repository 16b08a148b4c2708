package dev.switchboard.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.common.Page;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserAdministration;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * User management for admins under {@code /api/admin/users}: list (by role, paged), create staff or
 * customer accounts, change role, name and status. Rules in {@link UserAdministration}.
 */
public final class AdminUserRoutes {
    private static final int DEFAULT_PAGE = 50;

    /** An account as admins see it. */
    public record AdminUserView(String id, String name, String role, String email, String kind, String status,
            Instant createdAt, Instant lastSeenAt) {
        static AdminUserView of(User u) {
            return new AdminUserView(u.id().value(), u.name(), u.role().wire(), u.email(), u.kind().wire(),
                    u.status().wire(), u.createdAt(), u.lastSeenAt());
        }
    }

    public record UserList(List<AdminUserView> users, String nextCursor) {}

    private final UserAdministration admin;

    public AdminUserRoutes(UserAdministration admin) {
        this.admin = admin;
    }

    public void register(RestRouter router) {
        RestRouter.Access auth = RestRouter.Access.AUTHENTICATED;
        router.get("/api/admin/users", auth, r -> {
            Optional<Role> role = r.queryParam("role").map(Role::fromWire);
            Page<User> page = admin.list(me(r), role, r.queryParam("cursor").orElse(null),
                    r.intQuery("limit", DEFAULT_PAGE, 1, UserAdministration.MAX_PAGE));
            return RestResponse.ok(new UserList(page.items().stream().map(AdminUserView::of).toList(), page.nextCursor()));
        });
        router.get("/api/admin/users/:id", auth,
                r -> RestResponse.ok(AdminUserView.of(admin.get(me(r), new UserId(r.param("id"))))));
        router.post("/api/admin/users", auth, r -> {
            ObjectNode body = r.jsonObject();
            User created = admin.create(me(r), AuthRoutes.text(body, "email"),
                    AuthRoutes.text(body, "password").toCharArray(), AuthRoutes.text(body, "name"),
                    Role.fromWire(AuthRoutes.text(body, "role")));
            return RestResponse.created(AdminUserView.of(created));
        });
        router.patch("/api/admin/users/:id", auth, r -> {
            ObjectNode body = r.jsonObject();
            String role = AuthRoutes.optional(body, "role");
            String status = AuthRoutes.optional(body, "status");
            User updated = admin.update(me(r), new UserId(r.param("id")), role == null ? null : Role.fromWire(role),
                    AuthRoutes.optional(body, "name"), status == null ? null : UserStatus.fromWire(status));
            return RestResponse.ok(AdminUserView.of(updated));
        });
    }

    private static User me(RestRequest r) {
        return r.principal(User.class);
    }
}
