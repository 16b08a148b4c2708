package dev.switchboard.support;

/**
 * Told after a support chat was created or changed (status, priority, subject, assignee), on the
 * thread that changed it, after the commit. The dialects announce tickets through it, so changes
 * made by routing are announced too. Must not throw.
 */
public interface SupportChatListener {
    /**
     * @param created true for a chat that did not exist before
     * @param before  the chat as it was, null when created
     */
    void changed(SupportChat chat, SupportChat before, boolean created);
}
