package dev.switchboard.jdbc;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.Message;
import dev.switchboard.conversation.MessageId;
import dev.switchboard.conversation.MessageKind;
import dev.switchboard.conversation.Visibility;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserKind;
import dev.switchboard.identity.UserStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Locale;

/**
 * Column lists and row mappers shared by the stores. Columns are selected under prefixed aliases
 * ({@code u_}, {@code m_}) so that a query joining several tables can map each part.
 */
final class Rows {
    static final String USER_COLUMNS = "u.id AS u_id, u.kind AS u_kind, u.role AS u_role, u.name AS u_name,"
            + " u.email AS u_email, u.status AS u_status, u.created_at AS u_created_at,"
            + " u.last_seen_at AS u_last_seen_at";
    static final String MESSAGE_COLUMNS = "m.id AS m_id, m.conversation_id AS m_conversation_id, m.seq AS m_seq,"
            + " m.sender_id AS m_sender_id, m.text AS m_text, m.kind AS m_kind, m.client_key AS m_client_key,"
            + " m.created_at AS m_created_at, m.edited_at AS m_edited_at, m.visibility AS m_visibility,"
            + " m.deleted_at AS m_deleted_at";

    private Rows() {}

    static User user(ResultSet rs) throws SQLException {
        return new User(
                new UserId(rs.getString("u_id")),
                UserKind.fromWire(rs.getString("u_kind")),
                Role.fromWire(rs.getString("u_role")),
                rs.getString("u_name"),
                rs.getString("u_email"),
                UserStatus.fromWire(rs.getString("u_status")),
                instant(rs, "u_created_at"),
                instant(rs, "u_last_seen_at"));
    }

    static Message message(ResultSet rs) throws SQLException {
        return new Message(
                new MessageId(rs.getString("m_id")),
                new ConversationId(rs.getString("m_conversation_id")),
                rs.getLong("m_seq"),
                new UserId(rs.getString("m_sender_id")),
                rs.getString("m_text"),
                MessageKind.fromWire(rs.getString("m_kind")),
                rs.getString("m_client_key"),
                instant(rs, "m_created_at"),
                instant(rs, "m_edited_at"),
                Visibility.fromWire(rs.getString("m_visibility")),
                instant(rs, "m_deleted_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Binds an instant as TIMESTAMP WITH TIME ZONE in UTC, at the microsecond precision both databases keep. */
    static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, value.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
        }
    }

    /** The lookup key of an e-mail address: trimmed and lower-cased; null for none. */
    static String emailKey(String email) {
        if (email == null || email.isBlank()) return null;
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether {@code viewer} may read internal notes: staff may, everyone else (and unknown ids) not.
     * Every read of messages asks this in its own connection, so no caller can forget the filter.
     */
    static boolean seesNotes(Connection c, UserId viewer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT role FROM users WHERE id = ?")) {
            ps.setString(1, viewer.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && Role.fromWire(rs.getString(1)).isStaff();
            }
        }
    }

    /** The condition that leaves out notes for a viewer who may not see them ("" for staff). */
    static String visibleTo(boolean seesNotes, String alias) {
        return seesNotes ? "" : " AND " + alias + ".visibility = 'all'";
    }

    /** "?, ?, ?" for an IN list of {@code n} parameters. */
    static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
