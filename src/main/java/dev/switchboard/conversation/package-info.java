/**
 * Conversations and messages (capability C3): the conversation types of seed 001 and which roles
 * may meet in each, per-conversation message sequence numbers, client idempotency keys, history
 * paging, read state and unread counts. {@link dev.switchboard.conversation.ConversationService}
 * holds the rules; {@link dev.switchboard.conversation.ConversationStore} is the storage port that
 * {@code jdbc} implements. No transport code here: dialect handlers translate to these calls.
 */
package dev.switchboard.conversation;
