package dev.switchboard.conversation;

import dev.switchboard.identity.UserId;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a send.
 *
 * @param duplicate  true when the client retried a send already stored (same client key): nothing
 *                   new was written and {@code message} is the original, so it should not be
 *                   broadcast again
 * @param recipients the participants other than the sender, who should receive the message
 * @param maybeSupportChat false when the conversation is known not to be a support chat (a direct
 *                   one, keyed by its pair of users): whoever announces support messages need not
 *                   look it up
 */
public record SendResult(Message message, boolean duplicate, List<UserId> recipients, boolean maybeSupportChat) {
    public SendResult {
        Objects.requireNonNull(message, "message");
        recipients = List.copyOf(recipients);
    }
}
