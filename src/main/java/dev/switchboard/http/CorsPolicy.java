package dev.switchboard.http;

import dev.switchboard.engineio.HttpDecorator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Set;

/**
 * The CORS allow-list: origins that may call the API and open Socket.IO connections with
 * credentials. {@code *} admits any origin (the origin is echoed, as credentials forbid a literal
 * {@code *}); an empty list admits none besides same-origin requests, which need no CORS.
 */
public final class CorsPolicy implements HttpDecorator {
    private final boolean anyOrigin;
    private final Set<String> origins;

    public CorsPolicy(List<String> allowedOrigins) {
        this.anyOrigin = allowedOrigins.contains("*");
        this.origins = Set.copyOf(allowedOrigins.stream().map(CorsPolicy::normalize).toList());
    }

    public boolean allows(String origin) {
        return origin != null && (anyOrigin || origins.contains(normalize(origin)));
    }

    @Override
    public void decorate(HttpHeaders request, HttpHeaders response) {
        String origin = request.get(HttpHeaderNames.ORIGIN);
        response.add(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
        if (!allows(origin)) return;
        response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
    }

    /** Headers of the answer to a preflight request. */
    public void decoratePreflight(HttpHeaders request, HttpHeaders response) {
        decorate(request, response);
        if (!allows(request.get(HttpHeaderNames.ORIGIN))) return;
        response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, PUT, PATCH, DELETE, OPTIONS");
        String asked = request.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
        response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
                asked != null ? asked : "Authorization, Content-Type, Idempotency-Key");
        response.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
    }

    private static String normalize(String origin) {
        String o = origin.trim().toLowerCase(java.util.Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
