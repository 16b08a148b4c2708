package dev.switchboard.conversation;

/**
 * The limits {@link ConversationService} enforces. Defined here so that the conversation feature
 * does not depend on the application's configuration; the configuration
 * ({@code app.ServerConfig.Chat}) implements it and validates the values.
 */
public interface ChatLimits {
    /** Longest message text accepted, in code points. */
    int maxMessageChars();

    /** Most messages or conversations returned in one page; larger requests are clamped. */
    int maxPageSize();
}
