package dev.switchboard.jdbc;

import dev.switchboard.identity.RefreshTokenStore;
import dev.switchboard.identity.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** {@link RefreshTokenStore} on the shared {@link Database}: one row per issued refresh token. */
public final class JdbcRefreshTokenStore implements RefreshTokenStore {
    private final Jdbc jdbc;

    public JdbcRefreshTokenStore(Database database) {
        this.jdbc = database.jdbc();
    }

    @Override
    public void issued(IssuedRefresh token) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO refresh_tokens"
                    + " (id, family_id, user_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, token.id());
                ps.setString(2, token.familyId());
                ps.setString(3, token.user().value());
                Rows.setInstant(ps, 4, token.issuedAt());
                Rows.setInstant(ps, 5, token.expiresAt());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Use spend(String tokenId, Instant at) {
        return jdbc.inTransaction(c -> {
            // the conditional update is the arbiter: of two concurrent uses, one changes the row
            try (PreparedStatement ps = c.prepareStatement("UPDATE refresh_tokens SET used_at = ?"
                    + " WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?")) {
                Rows.setInstant(ps, 1, at);
                ps.setString(2, tokenId);
                Rows.setInstant(ps, 3, at);
                if (ps.executeUpdate() == 1) return Use.SPENT;
            }
            Optional<Row> row = find(c, tokenId);
            if (row.isEmpty() || !row.get().used()) return Use.REFUSED;
            revokeFamily(c, row.get().familyId(), at);
            return Use.REUSED;
        });
    }

    @Override
    public boolean revokeFamilyOf(String tokenId, Instant at) {
        return jdbc.inTransaction(c -> {
            Optional<Row> row = find(c, tokenId);
            if (row.isEmpty()) return false;
            revokeFamily(c, row.get().familyId(), at);
            return true;
        });
    }

    @Override
    public void revokeAllOf(UserId user, Instant at) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")) {
                Rows.setInstant(ps, 1, at);
                ps.setString(2, user.value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int purgeExpired(Instant before) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM refresh_tokens WHERE expires_at < ?")) {
                Rows.setInstant(ps, 1, before);
                return ps.executeUpdate();
            }
        });
    }

    private record Row(String familyId, boolean used) {}

    private static Optional<Row> find(Connection c, String tokenId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT family_id, used_at FROM refresh_tokens WHERE id = ?")) {
            ps.setString(1, tokenId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Row(rs.getString(1), rs.getObject(2) != null));
            }
        }
    }

    private static void revokeFamily(Connection c, String familyId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")) {
            Rows.setInstant(ps, 1, at);
            ps.setString(2, familyId);
            ps.executeUpdate();
        }
    }
}
