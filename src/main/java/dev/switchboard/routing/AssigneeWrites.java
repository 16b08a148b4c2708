package dev.switchboard.routing;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.SendGuard;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserStore;
import dev.switchboard.support.SupportChatService;
import dev.switchboard.support.SupportChatStore;
import java.util.Optional;

/**
 * Who writes in a support chat: its customer, the agent it is assigned to now, and admins. An
 * agent who held it before (a transfer, a reject, a lapsed session) stays a participant and keeps
 * reading its history, but no longer writes as "the agent". Conversations without a support chat
 * (direct ones of seed 001/004) are not concerned.
 */
public final class AssigneeWrites implements SendGuard {
    private final SupportChatService support;
    private final UserStore users;

    public AssigneeWrites(SupportChatService support, UserStore users) {
        this.support = support;
        this.users = users;
    }

    @Override
    public void check(UserId sender, ConversationId conversation) {
        // not find(): that waits until every message acknowledged before is in the tables, which made each
        // send into a support chat wait for the applier (docs/performance.md, step 28)
        Optional<SupportChatStore.Writers> chat = support.writers(conversation);
        if (chat.isEmpty()) return;
        if (sender.equals(chat.get().customer()) || sender.equals(chat.get().assignee())) return;
        if (users.findById(sender).map(u -> u.role() == Role.ADMIN).orElse(false)) return;
        throw new SwitchboardException(ErrorCode.NOT_ASSIGNEE,
                "this support chat is assigned to another agent; you can read it but not write in it");
    }

    /** The customer or the assignee, as remembered; anyone else (an admin, a former assignee) is checked by {@link #check}. */
    @Override
    public boolean allowsNow(UserId sender, ConversationId conversation) {
        SupportChatStore.Writers chat = support.rememberedWriters(conversation);
        return chat != null && (sender.equals(chat.customer()) || sender.equals(chat.assignee()));
    }
}
