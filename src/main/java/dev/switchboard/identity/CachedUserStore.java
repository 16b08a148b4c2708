package dev.switchboard.identity;

import dev.switchboard.common.LruCache;
import dev.switchboard.common.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link UserStore} that remembers users read by id, so that the send path does not query both
 * users' roles for every message (docs/performance.md, step 4). Correct only when every change to
 * users goes through this instance: the wiring uses it for the embedded database, which one process
 * holds (H2's file lock), and not on PostgreSQL, where other nodes change users too.
 *
 * <p>Every change forgets the user once the store below has returned (committed or failed). A read
 * remembers what it found only if no change was reported since it started, since a read racing a
 * change may have seen the old row; the check and the put, and a change's count and eviction, each
 * run under one lock, so an old row cannot slip in after an eviction.
 */
public final class CachedUserStore implements UserStore {
    /** About 300 bytes per user: a few MB at most. */
    static final int MAX_USERS = 10_000;

    private final UserStore store;
    private final LruCache<UserId, User> users = new LruCache<>(MAX_USERS);
    private final ReentrantLock lock = new ReentrantLock();
    private long changes; // guarded by lock

    public CachedUserStore(UserStore store) {
        this.store = Objects.requireNonNull(store);
    }

    @Override
    public Optional<User> findById(UserId id) {
        User cached = users.get(id);
        if (cached != null) return Optional.of(cached);
        long stamp = changes();
        Optional<User> found = store.findById(id);
        found.ifPresent(user -> remember(user, stamp));
        return found;
    }

    @Override
    public Optional<Map<UserId, User>> findAllInMemory(Collection<UserId> ids) {
        Map<UserId, User> found = new HashMap<>();
        for (UserId id : ids) {
            User cached = users.get(id);
            if (cached == null) return Optional.empty();
            found.put(id, cached);
        }
        return Optional.of(found);
    }

    /** Remembered users from memory, the others in one query below. */
    @Override
    public Map<UserId, User> findAll(Collection<UserId> ids) {
        Map<UserId, User> found = new HashMap<>();
        List<UserId> missing = new ArrayList<>(ids.size());
        for (UserId id : ids) {
            User cached = users.get(id);
            if (cached != null) {
                found.put(id, cached);
            } else if (!missing.contains(id)) {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) return found;
        long stamp = changes();
        for (User user : store.findAll(missing).values()) {
            remember(user, stamp);
            found.put(user.id(), user);
        }
        return found;
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return store.findByEmail(email);
    }

    @Override
    public User createLocal(User user, String passwordHash) {
        try {
            return store.createLocal(user, passwordHash);
        } finally {
            changed(user.id());
        }
    }

    @Override
    public Optional<String> passwordHash(UserId id) {
        return store.passwordHash(id);
    }

    @Override
    public void updatePasswordHash(UserId id, String passwordHash) {
        store.updatePasswordHash(id, passwordHash); // credentials are not part of User
    }

    @Override
    public User upsertExternal(UserId id, Role role, String name, String email, UserStatus status) {
        // validates the claims exactly as the store below does, whatever the answer
        new User(id, UserKind.EXTERNAL, role, name, email, status, Instant.EPOCH, null);
        User cached = users.get(id);
        // every connection of a host-application user asks; unchanged claims need no transaction
        if (cached != null && (cached.kind() != UserKind.EXTERNAL || sameClaims(cached, role, name, email, status))) {
            return cached;
        }
        return changing(id, () -> store.upsertExternal(id, role, name, email, status));
    }

    @Override
    public User createVisitor(UserId id, String name, String email) {
        return changing(id, () -> store.createVisitor(id, name, email));
    }

    @Override
    public User updateStatus(UserId id, UserStatus status) {
        return changing(id, () -> store.updateStatus(id, status));
    }

    @Override
    public void touchLastSeen(UserId id, Instant seenAt) {
        changing(id, () -> {
            store.touchLastSeen(id, seenAt);
            return null;
        });
    }

    @Override
    public User updateProfile(UserId id, Role role, String name) {
        return changing(id, () -> store.updateProfile(id, role, name));
    }

    @Override
    public Page<User> list(Optional<Role> role, String cursor, int limit) {
        return store.list(role, cursor, limit);
    }

    /** Runs a write of the user's row and forgets the cached copy afterwards, whether it worked or not. */
    private <T> T changing(UserId id, Supplier<T> write) {
        try {
            return write.get();
        } finally {
            changed(id);
        }
    }

    private long changes() {
        lock.lock();
        try {
            return changes;
        } finally {
            lock.unlock();
        }
    }

    private void remember(User user, long stamp) {
        lock.lock();
        try {
            if (changes == stamp) users.put(user.id(), user);
        } finally {
            lock.unlock();
        }
    }

    private void changed(UserId id) {
        lock.lock();
        try {
            changes++;
            users.remove(id);
        } finally {
            lock.unlock();
        }
    }

    private static boolean sameClaims(User u, Role role, String name, String email, UserStatus status) {
        return u.role() == role && u.name().equals(name) && Objects.equals(u.email(), email) && u.status() == status;
    }
}
