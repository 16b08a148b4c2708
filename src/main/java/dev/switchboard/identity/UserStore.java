package dev.switchboard.identity;

import dev.switchboard.common.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Durable home of users (port; the adapter lives in {@code jdbc}). Methods block on I/O: call them
 * from a virtual thread or a worker pool, never from an event loop. Failures are
 * {@link dev.switchboard.common.SwitchboardException}s; a failed call writes nothing.
 */
public interface UserStore {

    Optional<User> findById(UserId id);

    /** The users among {@code ids} that exist, by id, read in one round trip; unknown ids are left out. */
    Map<UserId, User> findAll(Collection<UserId> ids);

    /**
     * {@link #findAll} from memory only, for a caller that may not wait (an event loop): empty unless
     * every one of {@code ids} is remembered; always empty from a store that remembers nothing.
     */
    default Optional<Map<UserId, User>> findAllInMemory(Collection<UserId> ids) {
        return Optional.empty();
    }

    /**
     * Finds a user by e-mail ignoring case. Several users may share an e-mail (a visitor and an
     * account, say); then the built-in account wins, since login is what asks.
     */
    Optional<User> findByEmail(String email);

    /**
     * Creates a built-in account ({@code user.kind()} must be LOCAL and it must have an e-mail).
     * Fails with EMAIL_TAKEN when another built-in account has the same e-mail in any case, and
     * with CONFLICT when the id exists. Returns the user as stored.
     */
    User createLocal(User user, String passwordHash);

    /** The password hash of a built-in account; empty for other users and unknown ids. */
    Optional<String> passwordHash(UserId id);

    /** Replaces the password hash of a built-in account; USER_NOT_FOUND when there is none. */
    void updatePasswordHash(UserId id, String passwordHash);

    /**
     * Records a user seen in a host application's token: inserts an EXTERNAL user, or brings an
     * existing EXTERNAL user's role, name, e-mail and status up to date with the claims. Users of
     * another kind are returned unchanged: for them Switchboard's own data is authoritative.
     */
    User upsertExternal(UserId id, Role role, String name, String email, UserStatus status);

    /** Creates an active VISITOR customer; CONFLICT when the id exists. */
    User createVisitor(UserId id, String name, String email);

    /** Changes a user's status and returns the updated user; USER_NOT_FOUND when there is none. */
    User updateStatus(UserId id, UserStatus status);

    /** Moves last-seen forward to {@code seenAt}; earlier times and unknown users are ignored. */
    void touchLastSeen(UserId id, Instant seenAt);

    /** Changes role and/or name (null: unchanged); USER_NOT_FOUND if there is no such user. */
    User updateProfile(UserId id, Role role, String name);

    /**
     * Users ordered by id, optionally of one role only.
     *
     * @param cursor the {@link Page#nextCursor()} of the previous page, or null for the first page
     */
    Page<User> list(Optional<Role> role, String cursor, int limit);
}
