package dev.switchboard.jdbc;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.Page;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserKind;
import dev.switchboard.identity.UserStatus;
import dev.switchboard.identity.UserStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link UserStore} on the shared {@link Database}. */
public final class JdbcUserStore implements UserStore {
    private static final String SELECT_USER = "SELECT " + Rows.USER_COLUMNS + " FROM users u";
    private static final int UPSERT_ATTEMPTS = 5;
    private static final int LAST_SEEN_BATCH = 500;

    private final Jdbc jdbc;
    private final Clock clock;
    private final LeaderBatch<LastSeen> lastSeen = new LeaderBatch<>(LAST_SEEN_BATCH, this::storeLastSeen);

    public JdbcUserStore(Database database, Clock clock) {
        this.jdbc = database.jdbc();
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public Optional<User> findById(UserId id) {
        return jdbc.read(c -> find(c, id));
    }

    @Override
    public Map<UserId, User> findAll(Collection<UserId> ids) {
        List<UserId> distinct = ids.stream().distinct().toList();
        if (distinct.isEmpty()) return Map.of();
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    SELECT_USER + " WHERE u.id IN (" + Rows.placeholders(distinct.size()) + ")")) {
                for (int i = 0; i < distinct.size(); i++) ps.setString(i + 1, distinct.get(i).value());
                Map<UserId, User> found = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        User user = Rows.user(rs);
                        found.put(user.id(), user);
                    }
                }
                return found;
            }
        });
    }

    @Override
    public Optional<User> findByEmail(String email) {
        String key = Rows.emailKey(email);
        if (key == null) return Optional.empty();
        String sql = SELECT_USER + " LEFT JOIN local_credentials lc ON lc.user_id = u.id WHERE u.email_key = ?"
                + " ORDER BY CASE WHEN lc.user_id IS NULL THEN 1 ELSE 0 END, u.created_at, u.id LIMIT 1";
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, key);
                return single(ps);
            }
        });
    }

    @Override
    public User createLocal(User user, String passwordHash) {
        if (user.kind() != UserKind.LOCAL) throw new IllegalArgumentException("createLocal needs a LOCAL user");
        String key = Rows.emailKey(user.email());
        if (key == null) throw SwitchboardException.invalid("an account needs an e-mail address");
        requireHash(passwordHash);
        try {
            return jdbc.inTransaction(c -> {
                insert(c, user);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO local_credentials"
                        + " (user_id, email_key, password_hash, updated_at) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, user.id().value());
                    ps.setString(2, key);
                    ps.setString(3, passwordHash);
                    Rows.setInstant(ps, 4, clock.instant());
                    ps.executeUpdate();
                }
                return find(c, user.id()).orElseThrow();
            });
        } catch (DuplicateKeyException e) {
            if (e.violates("local_credentials_email_key_uq")) throw new SwitchboardException(ErrorCode.EMAIL_TAKEN);
            throw new SwitchboardException(ErrorCode.CONFLICT, "a user with this id exists");
        }
    }

    @Override
    public Optional<String> passwordHash(UserId id) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT password_hash FROM local_credentials WHERE user_id = ?")) {
                ps.setString(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void updatePasswordHash(UserId id, String passwordHash) {
        requireHash(passwordHash);
        int updated = jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE local_credentials SET password_hash = ?, updated_at = ? WHERE user_id = ?")) {
                ps.setString(1, passwordHash);
                Rows.setInstant(ps, 2, clock.instant());
                ps.setString(3, id.value());
                return ps.executeUpdate();
            }
        });
        if (updated == 0) throw SwitchboardException.notFound(ErrorCode.USER_NOT_FOUND, "account");
    }

    @Override
    public User upsertExternal(UserId id, Role role, String name, String email, UserStatus status) {
        User claimed = new User(id, UserKind.EXTERNAL, role, name, email, status, clock.instant(), null);
        // Two first connections of the same user race to insert; the loser updates instead.
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbc.inTransaction(c -> {
                    Optional<User> existing = find(c, id);
                    if (existing.isEmpty()) {
                        insert(c, claimed);
                        return find(c, id).orElseThrow();
                    }
                    User stored = existing.get();
                    if (stored.kind() != UserKind.EXTERNAL || sameClaims(stored, claimed)) return stored;
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE users SET role = ?, name = ?, email = ?, email_key = ?, status = ? WHERE id = ?")) {
                        ps.setString(1, role.wire());
                        ps.setString(2, name);
                        ps.setString(3, email);
                        ps.setString(4, Rows.emailKey(email));
                        ps.setString(5, status.wire());
                        ps.setString(6, id.value());
                        ps.executeUpdate();
                    }
                    return find(c, id).orElseThrow();
                });
            } catch (DuplicateKeyException e) {
                if (attempt >= UPSERT_ATTEMPTS) throw new SwitchboardException(ErrorCode.CONFLICT, "user kept changing");
                Jdbc.backOff(attempt);
            }
        }
    }

    @Override
    public User createVisitor(UserId id, String name, String email) {
        User visitor = new User(
                id, UserKind.VISITOR, Role.CUSTOMER, name, email, UserStatus.ACTIVE, clock.instant(), null);
        try {
            return jdbc.inTransaction(c -> {
                insert(c, visitor);
                return find(c, id).orElseThrow();
            });
        } catch (DuplicateKeyException e) {
            throw new SwitchboardException(ErrorCode.CONFLICT, "a user with this id exists");
        }
    }

    @Override
    public User updateStatus(UserId id, UserStatus status) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET status = ? WHERE id = ?")) {
                ps.setString(1, status.wire());
                ps.setString(2, id.value());
                ps.executeUpdate();
            }
            return find(c, id);
        }).orElseThrow(() -> SwitchboardException.notFound(ErrorCode.USER_NOT_FOUND, "user"));
    }

    @Override
    public User updateProfile(UserId id, Role role, String name) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE users SET role = COALESCE(?, role), name = COALESCE(?, name) WHERE id = ?")) {
                ps.setString(1, role == null ? null : role.wire());
                ps.setString(2, name);
                ps.setString(3, id.value());
                ps.executeUpdate();
            }
            return find(c, id);
        }).orElseThrow(() -> SwitchboardException.notFound(ErrorCode.USER_NOT_FOUND, "user"));
    }

    /**
     * Batched ({@link LeaderBatch}): a disconnect storm, every user going offline at once, becomes a
     * few transactions rather than one each queued on the pool.
     */
    @Override
    public void touchLastSeen(UserId id, Instant seenAt) {
        lastSeen.submit(new LastSeen(id, seenAt));
    }

    private record LastSeen(UserId id, Instant at) {}

    private void storeLastSeen(List<LastSeen> batch) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET last_seen_at = ?"
                    + " WHERE id = ? AND (last_seen_at IS NULL OR last_seen_at < ?)")) {
                for (LastSeen seen : batch) {
                    Rows.setInstant(ps, 1, seen.at());
                    ps.setString(2, seen.id().value());
                    Rows.setInstant(ps, 3, seen.at());
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
    }

    @Override
    public Page<User> list(Optional<Role> role, String cursor, int limit) {
        if (limit < 1) throw SwitchboardException.invalid("limit must be >= 1");
        StringBuilder sql = new StringBuilder(SELECT_USER).append(" WHERE 1 = 1");
        List<String> params = new ArrayList<>();
        role.ifPresent(r -> {
            sql.append(" AND u.role = ?");
            params.add(r.wire());
        });
        if (cursor != null) {
            sql.append(" AND u.id > ?");
            params.add(cursor);
        }
        sql.append(" ORDER BY u.id LIMIT ?");
        List<User> rows = jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) ps.setString(i + 1, params.get(i));
                ps.setInt(params.size() + 1, limit + 1);
                List<User> users = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) users.add(Rows.user(rs));
                }
                return users;
            }
        });
        if (rows.size() <= limit) return new Page<>(rows, null);
        List<User> page = rows.subList(0, limit);
        return new Page<>(page, page.getLast().id().value());
    }

    private static Optional<User> find(Connection c, UserId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_USER + " WHERE u.id = ?")) {
            ps.setString(1, id.value());
            return single(ps);
        }
    }

    private static Optional<User> single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(Rows.user(rs)) : Optional.empty();
        }
    }

    private static void insert(Connection c, User user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (id, kind, role, name, email, email_key,"
                + " status, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, user.id().value());
            ps.setString(2, user.kind().wire());
            ps.setString(3, user.role().wire());
            ps.setString(4, user.name());
            ps.setString(5, user.email());
            ps.setString(6, Rows.emailKey(user.email()));
            ps.setString(7, user.status().wire());
            Rows.setInstant(ps, 8, user.createdAt());
            Rows.setInstant(ps, 9, user.lastSeenAt());
            ps.executeUpdate();
        }
    }

    private static boolean sameClaims(User a, User b) {
        return a.role() == b.role() && a.name().equals(b.name()) && Objects.equals(a.email(), b.email())
                && a.status() == b.status();
    }

    private static void requireHash(String passwordHash) {
        if (passwordHash == null || passwordHash.isBlank() || passwordHash.length() > 1024) {
            throw new IllegalArgumentException("password hash must be 1..1024 characters");
        }
    }
}
