package dev.switchboard.conversation;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Edit, soft delete and single-message reads for {@link ConversationService}, which has checked
 * that the caller takes part in the conversation. A note is MESSAGE_NOT_FOUND to anyone but staff.
 */
final class MessageEdits {
    private final ConversationStore store;
    private final UserStore users;

    MessageEdits(ConversationStore store, UserStore users) {
        this.store = store;
        this.users = users;
    }

    MessageUpdate edit(UserId me, Conversation conversation, MessageId messageId, String text, Instant now) {
        Map<UserId, User> people = users.findAll(conversation.participants());
        Message message = visibleMessage(me, conversation.id(), messageId, people);
        if (!message.senderId().equals(me)) throw new SwitchboardException(ErrorCode.FORBIDDEN, "only the author edits a message");
        if (message.isDeleted() || message.kind() == MessageKind.SYSTEM
                || message.createdAt().plus(ConversationService.EDIT_WINDOW).isBefore(now)) {
            throw new SwitchboardException(ErrorCode.MESSAGE_NOT_EDITABLE);
        }
        Message edited = store.editMessage(conversation.id(), messageId, text, now)
                .orElseThrow(() -> new SwitchboardException(ErrorCode.MESSAGE_NOT_EDITABLE));
        return new MessageUpdate(edited, audience(conversation, edited, people));
    }

    MessageUpdate delete(UserId me, Conversation conversation, MessageId messageId, Instant now) {
        Map<UserId, User> people = users.findAll(conversation.participants());
        Message message = visibleMessage(me, conversation.id(), messageId, people);
        boolean admin = people.get(me) != null && people.get(me).role() == Role.ADMIN;
        if (!message.senderId().equals(me) && !admin) {
            throw new SwitchboardException(ErrorCode.FORBIDDEN, "only the author or an admin deletes a message");
        }
        if (message.isDeleted()) throw new SwitchboardException(ErrorCode.MESSAGE_NOT_EDITABLE, "the message is deleted");
        Message deleted = store.deleteMessage(conversation.id(), messageId, now)
                .orElseThrow(() -> new SwitchboardException(ErrorCode.MESSAGE_NOT_EDITABLE, "the message is deleted"));
        return new MessageUpdate(deleted, audience(conversation, deleted, people));
    }

    Optional<Message> message(UserId me, Conversation conversation, MessageId messageId) {
        try {
            return Optional.of(visibleMessage(me, conversation.id(), messageId,
                    users.findAll(conversation.participants())));
        } catch (SwitchboardException e) {
            if (e.code() == ErrorCode.MESSAGE_NOT_FOUND) return Optional.empty();
            throw e;
        }
    }

    private Message visibleMessage(UserId me, ConversationId id, MessageId messageId, Map<UserId, User> people) {
        Message message = store.findMessage(id, messageId)
                .orElseThrow(() -> SwitchboardException.notFound(ErrorCode.MESSAGE_NOT_FOUND, "message"));
        if (message.isNote() && (people.get(me) == null || !people.get(me).role().isStaff())) {
            throw SwitchboardException.notFound(ErrorCode.MESSAGE_NOT_FOUND, "message");
        }
        return message;
    }

    /** Who hears of a message: every participant, only staff ones for a note. */
    private static List<UserId> audience(Conversation conversation, Message message, Map<UserId, User> people) {
        return message.isNote() ? ConversationService.staffOnly(conversation.participants(), people)
                : conversation.participants();
    }
}
