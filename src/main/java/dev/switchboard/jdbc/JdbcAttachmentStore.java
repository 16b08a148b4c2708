package dev.switchboard.jdbc;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.MessageId;
import dev.switchboard.identity.UserId;
import dev.switchboard.support.Attachment;
import dev.switchboard.support.AttachmentStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;

/** {@link AttachmentStore} on the shared {@link Database}. */
public final class JdbcAttachmentStore implements AttachmentStore {
    private final Jdbc jdbc;

    public JdbcAttachmentStore(Database database) {
        this.jdbc = database.jdbc();
    }

    @Override
    public void insert(Attachment a) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO attachments (id, conversation_id, message_id,"
                    + " uploader_id, file_name, content_type, size_bytes, storage_key, created_at)"
                    + " VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, a.id());
                ps.setString(2, a.conversationId().value());
                ps.setString(3, a.uploader().value());
                ps.setString(4, a.fileName());
                ps.setString(5, a.contentType());
                ps.setLong(6, a.size());
                ps.setString(7, a.storageKey());
                Rows.setInstant(ps, 8, a.createdAt());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Attachment> find(String id) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, conversation_id, message_id, uploader_id,"
                    + " file_name, content_type, size_bytes, storage_key, created_at FROM attachments WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.<Attachment>empty();
                    String message = rs.getString("message_id");
                    return Optional.of(new Attachment(rs.getString("id"), new ConversationId(rs.getString("conversation_id")),
                            message == null ? null : new MessageId(message), new UserId(rs.getString("uploader_id")),
                            rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"),
                            rs.getString("storage_key"), Rows.instant(rs, "created_at")));
                }
            }
        });
    }

    @Override
    public int link(List<String> ids, ConversationId conversationId, UserId uploader, MessageId messageId) {
        if (ids.isEmpty()) return 0;
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE attachments SET message_id = ? WHERE id IN ("
                    + Rows.placeholders(ids.size()) + ") AND message_id IS NULL AND conversation_id = ?"
                    + " AND uploader_id = ?")) {
                int i = 1;
                ps.setString(i++, messageId.value());
                for (String id : ids) ps.setString(i++, id);
                ps.setString(i++, conversationId.value());
                ps.setString(i, uploader.value());
                return ps.executeUpdate();
            }
        });
    }
}
