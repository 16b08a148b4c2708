package dev.switchboard.http;

/**
 * Turns the bearer token of a request into the principal handlers see, or throws a
 * {@link dev.switchboard.common.SwitchboardException} (INVALID_TOKEN, TOKEN_EXPIRED,
 * ACCOUNT_INACTIVE ...). May block.
 */
@FunctionalInterface
public interface Authenticator {
    Object authenticate(String bearerToken);
}
