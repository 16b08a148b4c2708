package dev.switchboard.jdbc;

import dev.switchboard.conversation.AttachmentRef;
import dev.switchboard.conversation.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Puts the attachments on a page of messages: one query for the whole page, none when it is empty. */
final class Attachments {
    private Attachments() {}

    /** The same for one message, if there is one. */
    static Optional<Message> attach(Connection c, Optional<Message> message) throws SQLException {
        return message.isEmpty() ? message : Optional.of(attach(c, List.of(message.get())).getFirst());
    }

    static List<Message> attach(Connection c, List<Message> messages) throws SQLException {
        if (messages.isEmpty()) return messages;
        Map<String, List<AttachmentRef>> byMessage = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT message_id, id, file_name, content_type, size_bytes"
                + " FROM attachments WHERE message_id IN (" + Rows.placeholders(messages.size()) + ")"
                + " ORDER BY created_at, id")) {
            for (int i = 0; i < messages.size(); i++) ps.setString(i + 1, messages.get(i).id().value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byMessage.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(
                            new AttachmentRef(rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
                }
            }
        }
        if (byMessage.isEmpty()) return messages;
        List<Message> result = new ArrayList<>(messages.size());
        for (Message m : messages) {
            List<AttachmentRef> files = byMessage.get(m.id().value());
            result.add(files == null || m.isDeleted() ? m : m.withAttachments(files));
        }
        return result;
    }
}
