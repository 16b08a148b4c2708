package dev.switchboard.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.security.Key;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies RS256 signatures against the keys an identity provider publishes at a JWKS URL.
 *
 * <p>Keys are fetched lazily and cached (nimbus' remote JWK source): a token with an unknown
 * {@code kid} triggers a refetch, rate-limited, so key rotation works without a restart and a flood
 * of bogus kids cannot hammer the provider. The first verification and every cache refresh do a
 * blocking HTTP request (bounded by the timeouts below), so callers run off the event loop.
 */
final class JwksVerifier {
    private static final Logger log = LoggerFactory.getLogger(JwksVerifier.class);

    static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    static final int READ_TIMEOUT_MILLIS = 3_000;
    /** A JWKS is a few kilobytes; the bound keeps a misconfigured URL from streaming megabytes. */
    static final int SIZE_LIMIT_BYTES = 256 * 1024;
    static final Duration CACHE_TIME_TO_LIVE = Duration.ofMinutes(10);
    static final Duration CACHE_REFRESH_TIMEOUT = Duration.ofSeconds(15);

    private final String url;
    private final JWSVerificationKeySelector<SecurityContext> keySelector;

    JwksVerifier(String url) {
        this.url = url;
        JWKSource<SecurityContext> source = JWKSourceBuilder
                .<SecurityContext>create(toUrl(url),
                        new DefaultResourceRetriever(CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS, SIZE_LIMIT_BYTES))
                .cache(CACHE_TIME_TO_LIVE.toMillis(), CACHE_REFRESH_TIMEOUT.toMillis())
                .retrying(true)
                .build();
        this.keySelector = new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, source);
    }

    /**
     * Returns normally when one of the published keys verifies the token's signature.
     *
     * @throws SwitchboardException INVALID_TOKEN when no key matches or the signature is wrong;
     *     UNAVAILABLE when the JWKS cannot be fetched (the token may well be valid, so clients must
     *     not treat this as "log in again")
     */
    void verify(SignedJWT jwt) {
        List<Key> keys;
        try {
            keys = keySelector.selectJWSKeys(jwt.getHeader(), null);
        } catch (KeySourceException e) {
            log.warn("JWKS at {} could not be fetched: {}", url, e.getMessage());
            throw new SwitchboardException(ErrorCode.UNAVAILABLE, "the JWKS for RS256 tokens could not be fetched", e);
        }
        if (keys.isEmpty()) {
            String kid = jwt.getHeader().getKeyID();
            throw new SwitchboardException(ErrorCode.INVALID_TOKEN,
                    kid == null ? "no RS256 key in the JWKS matches the token"
                            : "no RS256 key in the JWKS has kid " + kid);
        }
        for (Key key : keys) {
            if (key instanceof RSAPublicKey rsa && verifies(jwt, rsa)) return;
        }
        throw new SwitchboardException(ErrorCode.INVALID_TOKEN, "token signature does not verify");
    }

    private static boolean verifies(SignedJWT jwt, RSAPublicKey key) {
        try {
            return jwt.verify(new RSASSAVerifier(key));
        } catch (JOSEException e) {
            return false;
        }
    }

    private static URL toUrl(String url) {
        URI uri = URI.create(url);
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("JWKS URL must be http or https, was " + url);
        }
        try {
            return uri.toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("JWKS URL is malformed: " + url, e);
        }
    }
}
