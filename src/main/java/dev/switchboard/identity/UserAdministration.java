package dev.switchboard.identity;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.Page;
import dev.switchboard.common.SwitchboardException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What admins do with accounts (C10 user management): list them, create staff accounts, change a
 * role, name or status. Only admins may; an admin cannot lock themselves out (no self-deactivation
 * or self-demotion). Deactivating a user revokes their refresh tokens and closes their connections.
 *
 * <p>Host-application users (kind external) are described by their host's tokens, which set role,
 * name and status on every contact; an admin may only change their status, and only
 * {@link UserStatus#SUSPENDED} sticks against the host's claims (see {@link IdentityService}).
 */
public final class UserAdministration {
    public static final int MAX_PAGE = 200;

    private final UserStore users;
    private final IdentityService identity;
    private final SessionTerminator sessions;

    public UserAdministration(UserStore users, IdentityService identity, SessionTerminator sessions, Clock clock) {
        this.users = Objects.requireNonNull(users);
        this.identity = Objects.requireNonNull(identity);
        this.sessions = Objects.requireNonNull(sessions);
        Objects.requireNonNull(clock);
    }

    public Page<User> list(User actor, Optional<Role> role, String cursor, int limit) {
        requireAdmin(actor);
        return users.list(role, cursor, Math.max(1, Math.min(limit, MAX_PAGE)));
    }

    public User get(User actor, UserId id) {
        requireAdmin(actor);
        return users.findById(id).orElseThrow(() -> new SwitchboardException(ErrorCode.USER_NOT_FOUND));
    }

    /** Creates a built-in account with the given role and initial password (the admin passes it on). */
    public User create(User actor, String email, char[] password, String name, Role role) {
        requireAdmin(actor);
        Objects.requireNonNull(role, "role");
        return identity.createAccount(email, password, name, role);
    }

    /**
     * Applies the given changes (null: unchanged). Returns the user as stored afterwards.
     *
     * @throws SwitchboardException FORBIDDEN for non-admins, for an admin changing their own role
     *     or status, and for role or name changes of host-application users
     */
    public User update(User actor, UserId id, Role role, String name, UserStatus status) {
        requireAdmin(actor);
        User target = users.findById(id).orElseThrow(() -> new SwitchboardException(ErrorCode.USER_NOT_FOUND));
        boolean self = target.id().equals(actor.id());
        if (self && ((role != null && role != target.role()) || (status != null && status != target.status()))) {
            throw new SwitchboardException(ErrorCode.FORBIDDEN, "admins cannot change their own role or status");
        }
        if (target.kind() == UserKind.EXTERNAL && ((role != null && role != target.role())
                || (name != null && !name.strip().equals(target.name())))) {
            throw new SwitchboardException(ErrorCode.FORBIDDEN,
                    "the host application's tokens set this user's role and name; only the status can be changed here");
        }
        User updated = target;
        if (role != null || name != null) updated = users.updateProfile(id, role, name == null ? null : requireName(name));
        if (status != null && status != target.status()) {
            updated = users.updateStatus(id, status);
            if (status != UserStatus.ACTIVE) {
                identity.revokeSessions(id);
                sessions.disconnectAll(id);
            }
        }
        return updated;
    }

    private static String requireName(String name) {
        String n = name.strip();
        if (n.isEmpty() || n.length() > User.MAX_NAME_LENGTH) {
            throw SwitchboardException.invalid("name must be 1.." + User.MAX_NAME_LENGTH + " characters");
        }
        return n;
    }

    private static void requireAdmin(User actor) {
        if (actor.role() != Role.ADMIN) throw new SwitchboardException(ErrorCode.FORBIDDEN, "only admins manage users");
    }
}
