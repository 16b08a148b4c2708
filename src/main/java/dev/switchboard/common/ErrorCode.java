package dev.switchboard.common;

/**
 * Every error Switchboard reports on any wire: a stable machine-readable code, the HTTP status
 * REST answers with, and a default human-readable message. Socket.IO errors carry the same code
 * in {@code {code, message}} objects.
 */
public enum ErrorCode {
    VALIDATION_FAILED(400, "The request is malformed or a field is invalid"),
    MESSAGE_TOO_LONG(413, "The message text is too long"),
    PAYLOAD_TOO_LARGE(413, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Files of this type are not accepted"),
    UNAUTHENTICATED(401, "Authentication is required"),
    INVALID_TOKEN(401, "The token is invalid"),
    TOKEN_EXPIRED(401, "The token has expired"),
    INVALID_CREDENTIALS(401, "E-mail or password is wrong"),
    ACCOUNT_INACTIVE(403, "The account is not active"),
    FORBIDDEN(403, "You are not allowed to do this"),
    NOT_PARTICIPANT(403, "You are not a participant of this conversation"),
    NOT_FOUND(404, "Not found"),
    USER_NOT_FOUND(404, "User not found"),
    CONVERSATION_NOT_FOUND(404, "Conversation not found"),
    MESSAGE_NOT_FOUND(404, "Message not found"),
    MESSAGE_NOT_EDITABLE(409, "The message can no longer be changed"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    EMAIL_TAKEN(409, "An account with this e-mail already exists"),
    CONFLICT(409, "The resource was changed concurrently"),
    INVALID_TRANSITION(409, "The support chat's status does not allow this"),
    AGENT_NOT_FOUND(404, "Agent not found"),
    NOT_IN_QUEUE(404, "The customer is not in the queue"),
    NOT_ASSIGNEE(403, "The chat is not assigned to you"),
    ALREADY_ASSIGNED(409, "The customer is already assigned to an agent"),
    AGENT_NOT_AVAILABLE(409, "The agent is not available"),
    AGENT_AT_CAPACITY(409, "The agent has reached their limit of concurrent chats"),
    DEPARTMENT_MISMATCH(409, "The agent does not serve the customer's department"),
    NO_PENDING_OFFER(409, "There is no pending offer of this customer for you"),
    NO_AGENT_AVAILABLE(409, "No agent is available right now"),
    RATE_LIMITED(429, "Too many requests"),
    UNAVAILABLE(503, "The service is not available right now"),
    INTERNAL(500, "Internal error");

    private final int httpStatus;
    private final String defaultMessage;

    ErrorCode(int httpStatus, String defaultMessage) {
        this.httpStatus = httpStatus;
        this.defaultMessage = defaultMessage;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String defaultMessage() {
        return defaultMessage;
    }
}
