package dev.switchboard.identity;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns credentials into users (C2): access tokens (minted by a host application or by us),
 * built-in registration, login and refresh, and anonymous visitor sessions. Only active users get
 * through. Every method blocks on storage and, for RS256 tokens, on the JWKS endpoint.
 */
public final class IdentityService {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    private static final int MAX_NAME = User.MAX_NAME_LENGTH;

    private final UserStore users;
    private final TokenService tokens;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final RefreshTokenStore refreshTokens;
    private final LoginThrottle throttle;
    // verified against when the e-mail is unknown, so a login takes as long whether or not it exists
    // (random, not hashed: hashing a decoy password cost ~0.2 s of every start, docs/performance.md step 12)
    private final String decoyHash;

    /** A signed-in user and their fresh tokens. */
    public record Session(User user, IssuedTokens tokens) {}

    /** An anonymous visitor and the token that identifies them. */
    public record VisitorSession(User user, AccessToken token) {}

    public IdentityService(UserStore users, TokenService tokens, PasswordHasher hasher, Clock clock,
            RefreshTokenStore refreshTokens, LoginThrottle throttle) {
        this.users = Objects.requireNonNull(users);
        this.tokens = Objects.requireNonNull(tokens);
        this.hasher = Objects.requireNonNull(hasher);
        this.clock = Objects.requireNonNull(clock);
        this.refreshTokens = Objects.requireNonNull(refreshTokens);
        this.throttle = Objects.requireNonNull(throttle);
        this.decoyHash = hasher.decoy();
    }

    /**
     * The active user an access token stands for. A host application's token brings its user into
     * being (or up to date) from the claims; our own tokens name users we already have.
     */
    public User authenticate(String accessToken) {
        TokenClaims claims = tokens.verifyAccess(accessToken);
        UserId id = new UserId(claims.subject());
        Optional<User> known = users.findById(id);
        User user;
        if (claims.kind() == TokenClaims.Kind.VISITOR) {
            user = known.filter(u -> u.kind() == UserKind.VISITOR)
                    .orElseThrow(() -> new SwitchboardException(ErrorCode.INVALID_TOKEN, "visitor session is unknown"));
        } else if (known.isPresent() && known.get().kind() != UserKind.EXTERNAL) {
            user = known.get(); // our own account: the database, not the token, says what it is
        } else {
            user = fromHostClaims(id, claims, known);
        }
        if (!user.isActive()) {
            throw new SwitchboardException(ErrorCode.ACCOUNT_INACTIVE, "account is " + user.status().wire());
        }
        return user;
    }

    private User fromHostClaims(UserId id, TokenClaims claims, Optional<User> known) {
        Role role;
        UserStatus status;
        try {
            role = claims.role() == null ? Role.CUSTOMER : Role.fromWire(claims.role());
            status = claims.status() == null ? UserStatus.ACTIVE : UserStatus.fromWire(claims.status());
        } catch (SwitchboardException e) {
            throw new SwitchboardException(ErrorCode.INVALID_TOKEN, "token claim not understood: " + e.getMessage());
        }
        String name = displayName(claims.name(), claims.email(), id);
        String email = claims.email() == null || claims.email().isBlank() ? null : claims.email().trim();
        if (known.isPresent()) {
            User k = known.get();
            // an admin's suspension is Switchboard's own lock: the host's claims cannot lift it
            if (k.status() == UserStatus.SUSPENDED) return k;
            if (k.role() == role && k.status() == status && k.name().equals(name) && Objects.equals(k.email(), email)) {
                return k; // nothing changed: no write on every request
            }
        }
        return users.upsertExternal(id, role, name, email, status);
    }

    /** Creates a built-in customer account and signs it in. */
    public Session register(String email, char[] password, String name) {
        return sessionFor(createAccount(email, password, name, Role.CUSTOMER));
    }

    /** Creates a built-in account with any role (admins managing staff; demo data). */
    public User createAccount(String email, char[] password, String name, Role role) {
        String normalized = normalizeEmail(email);
        String display = requireName(name);
        String hash = hasher.hash(password); // validates the length too
        User user = new User(UserId.newLocal(), UserKind.LOCAL, role, display, normalized, UserStatus.ACTIVE,
                clock.instant(), null);
        return users.createLocal(user, hash);
    }

    /**
     * Signs in a built-in account. After {@link LoginThrottle}'s limit of failures for the e-mail,
     * attempts are refused with RATE_LIMITED before the password is even checked.
     */
    public Session login(String email, char[] password) {
        String key = normalizeEmail(email);
        throttle.check(key);
        Optional<User> user = users.findByEmail(key).filter(u -> u.kind() == UserKind.LOCAL);
        Optional<String> hash = user.flatMap(u -> users.passwordHash(u.id()));
        boolean matches = hasher.verify(password, hash.orElse(decoyHash)) && hash.isPresent();
        if (!matches) {
            throttle.failed(key);
            throw new SwitchboardException(ErrorCode.INVALID_CREDENTIALS);
        }
        throttle.succeeded(key);
        User found = user.get();
        if (!found.isActive()) throw new SwitchboardException(ErrorCode.ACCOUNT_INACTIVE, "account is " + found.status().wire());
        if (hasher.needsRehash(hash.get())) users.updatePasswordHash(found.id(), hasher.hash(password));
        return sessionFor(found);
    }

    /**
     * New tokens for a refresh token, as long as its user still exists and is active. Each refresh
     * token works once: the answer carries its successor, and presenting a spent one again revokes
     * every token of that sign-in (it was copied), so the thief and the owner both have to sign in.
     */
    public Session refresh(String refreshToken) {
        RefreshClaims claims = tokens.verifyRefresh(refreshToken);
        if (claims.familyId() == null) throw new SwitchboardException(ErrorCode.INVALID_TOKEN, "refresh token is not known");
        switch (refreshTokens.spend(claims.tokenId(), clock.instant())) {
            case SPENT -> { }
            case REUSED -> throw new SwitchboardException(ErrorCode.INVALID_TOKEN,
                    "refresh token was already used; every token of its sign-in is revoked");
            case REFUSED -> throw new SwitchboardException(ErrorCode.INVALID_TOKEN, "refresh token is revoked or not known");
        }
        User user = users.findById(new UserId(claims.subject()))
                .orElseThrow(() -> new SwitchboardException(ErrorCode.INVALID_TOKEN, "the token's user no longer exists"));
        if (!user.isActive()) throw new SwitchboardException(ErrorCode.ACCOUNT_INACTIVE, "account is " + user.status().wire());
        return sessionFor(user, claims.familyId());
    }

    /**
     * Signs out: revokes the refresh token and every other token of its sign-in. Access tokens
     * already handed out stay valid until they expire (they are short-lived and not stored).
     */
    public void logout(String refreshToken) {
        RefreshClaims claims = tokens.verifyRefresh(refreshToken);
        if (!refreshTokens.revokeFamilyOf(claims.tokenId(), clock.instant())) {
            throw new SwitchboardException(ErrorCode.INVALID_TOKEN, "refresh token is not known");
        }
    }

    /** Revokes every refresh token of the user (after deactivation or a password change). */
    public void revokeSessions(UserId user) {
        refreshTokens.revokeAllOf(user, clock.instant());
    }

    /** Starts an anonymous visitor session for the widget. */
    public VisitorSession visitor(String name, String email) {
        String display = name == null || name.isBlank() ? "Visitor" : requireName(name);
        String mail = email == null || email.isBlank() ? null : normalizeEmail(email);
        User user = users.createVisitor(UserId.newVisitor(), display, mail);
        return new VisitorSession(user, tokens.issueVisitor(user.id().value(), user.name()));
    }

    private Session sessionFor(User user) {
        return remember(user, tokens.issue(user.id().value(), user.role().wire(), user.name(), user.email()));
    }

    private Session sessionFor(User user, String familyId) {
        return remember(user, tokens.issue(user.id().value(), user.role().wire(), user.name(), user.email(), familyId));
    }

    private Session remember(User user, IssuedTokens issued) {
        refreshTokens.issued(new RefreshTokenStore.IssuedRefresh(issued.refreshTokenId(), issued.refreshFamilyId(),
                user.id(), clock.instant(), issued.refreshExpiresAt()));
        return new Session(user, issued);
    }

    private static String normalizeEmail(String email) {
        if (email == null) throw SwitchboardException.invalid("email is required");
        String e = email.trim().toLowerCase(Locale.ROOT);
        if (e.length() > User.MAX_EMAIL_LENGTH || !EMAIL.matcher(e).matches()) {
            throw SwitchboardException.invalid("email is not a valid address");
        }
        return e;
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) throw SwitchboardException.invalid("name is required");
        String n = name.strip();
        if (n.length() > MAX_NAME || n.chars().anyMatch(c -> c < 0x20)) {
            throw SwitchboardException.invalid("name must be 1.." + MAX_NAME + " printable characters");
        }
        return n;
    }

    private static String displayName(String name, String email, UserId id) {
        if (name != null && !name.isBlank()) return name.strip().length() > MAX_NAME ? name.strip().substring(0, MAX_NAME) : name.strip();
        if (email != null && !email.isBlank()) return email.trim();
        return "User " + id.value();
    }
}
