package dev.switchboard.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes REST requests ({@code /api/...} and other dynamic paths) to handlers by method and path
 * pattern ({@code /api/chat/conversations/:id}). Handlers run on virtual threads; failures become
 * {@code application/problem+json} answers carrying the stable {@link ErrorCode}.
 */
public final class RestRouter implements HttpDispatcher.Handler {
    private static final Logger log = LoggerFactory.getLogger(RestRouter.class);

    /** Whether a route needs a signed-in caller. */
    public enum Access { PUBLIC, AUTHENTICATED }

    private record Route(String method, String[] segments, Access access, RestHandler handler) {}

    private final List<Route> routes = new ArrayList<>();
    private final ObjectMapper json;
    private final CorsPolicy cors;
    private final Authenticator authenticator;
    private final ExecutorService executor;
    private final HttpDispatcher.Handler fallback;

    /** {@code fallback} serves what no route matches outside {@code /api/} (static files). */
    public RestRouter(ObjectMapper json, CorsPolicy cors, Authenticator authenticator, ExecutorService executor,
            HttpDispatcher.Handler fallback) {
        this.json = json;
        this.cors = cors;
        this.authenticator = authenticator;
        this.executor = executor;
        this.fallback = fallback;
    }

    public RestRouter route(String method, String pattern, Access access, RestHandler handler) {
        routes.add(new Route(method, split(pattern), access, handler));
        return this;
    }

    public RestRouter get(String pattern, Access access, RestHandler handler) {
        return route("GET", pattern, access, handler);
    }

    public RestRouter post(String pattern, Access access, RestHandler handler) {
        return route("POST", pattern, access, handler);
    }

    public RestRouter put(String pattern, Access access, RestHandler handler) {
        return route("PUT", pattern, access, handler);
    }

    public RestRouter patch(String pattern, Access access, RestHandler handler) {
        return route("PATCH", pattern, access, handler);
    }

    public RestRouter delete(String pattern, Access access, RestHandler handler) {
        return route("DELETE", pattern, access, handler);
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String[] path = split(uri.rawPath());
        Map<String, List<String>> query;
        try {
            for (int i = 0; i < path.length; i++) path[i] = QueryStringDecoder.decodeComponent(path[i]);
            query = uri.parameters();
        } catch (IllegalArgumentException e) {
            // A malformed %-escape: Netty's decoder throws, which here on the event loop used to close
            // the connection without an answer (and, in the query, became a 500 on the handler thread).
            write(ctx, request.headers(), io.netty.handler.codec.http.HttpUtil.isKeepAlive(request),
                    problem(SwitchboardException.invalid("the request target has a malformed %-escape"), Map.of()));
            return;
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> params = match(route.segments, path);
            if (params == null) continue;
            if (!route.method.equals(request.method().name())) {
                allowed.add(route.method);
                continue;
            }
            byte[] body = ByteBufUtil.getBytes(request.content());
            HttpHeaders headers = request.headers();
            boolean keepAlive = io.netty.handler.codec.http.HttpUtil.isKeepAlive(request);
            executor.execute(() -> run(ctx, route, params, uri, query, headers, body, keepAlive));
            return;
        }
        if (!allowed.isEmpty()) {
            write(ctx, request.headers(), io.netty.handler.codec.http.HttpUtil.isKeepAlive(request),
                    problem(new SwitchboardException(ErrorCode.METHOD_NOT_ALLOWED), Map.of("Allow", String.join(", ", allowed))));
        } else if (uri.path().startsWith("/api/") || uri.path().equals("/api")) {
            write(ctx, request.headers(), io.netty.handler.codec.http.HttpUtil.isKeepAlive(request),
                    problem(new SwitchboardException(ErrorCode.NOT_FOUND, "No such endpoint: " + uri.path()), Map.of()));
        } else {
            fallback.handle(ctx, request);
        }
    }

    private void run(ChannelHandlerContext ctx, Route route, Map<String, String> params, QueryStringDecoder uri,
            Map<String, List<String>> query, HttpHeaders headers, byte[] body, boolean keepAlive) {
        RestResponse response;
        try {
            Object principal = route.access == Access.AUTHENTICATED ? authenticate(headers) : null;
            RestRequest request = new RestRequest(route.method, uri.path(), params, query, headers, body,
                    principal, json);
            response = route.handler.handle(request);
        } catch (SwitchboardException e) {
            response = problem(e, e.code() == ErrorCode.UNAUTHENTICATED || e.code() == ErrorCode.INVALID_TOKEN
                    || e.code() == ErrorCode.TOKEN_EXPIRED ? Map.of("WWW-Authenticate", "Bearer") : Map.of());
        } catch (Exception e) {
            log.error("{} {} failed", route.method, uri.path(), e);
            response = problem(new SwitchboardException(ErrorCode.INTERNAL), Map.of());
        }
        write(ctx, headers, keepAlive, response);
    }

    private Object authenticate(HttpHeaders headers) {
        String header = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw new SwitchboardException(ErrorCode.UNAUTHENTICATED, "Send an access token as 'Authorization: Bearer <token>'");
        }
        return authenticator.authenticate(header.substring(7).trim());
    }

    /** The problem body (RFC 9457) for an error, with our stable code. */
    public static RestResponse problem(SwitchboardException e, Map<String, String> headers) {
        Map<String, Object> body = problemBody(e.code(), e.getMessage());
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/problem+json");
        return new RestResponse(e.code().httpStatus(), body, all);
    }

    /** The RFC 9457 body every REST error carries: type, title, status, our code, detail. */
    static Map<String, Object> problemBody(ErrorCode code, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", code.defaultMessage());
        body.put("status", code.httpStatus());
        body.put("code", code.name());
        body.put("detail", detail);
        return body;
    }

    private void write(ChannelHandlerContext ctx, HttpHeaders requestHeaders, boolean keepAlive, RestResponse response) {
        byte[] bytes;
        try {
            bytes = response.body() == null ? new byte[0] : response.body() instanceof RestResponse.Raw raw ? raw.bytes()
                    : json.writeValueAsBytes(response.body());
        } catch (Exception e) {
            log.error("response body could not be serialized", e);
            response = problem(new SwitchboardException(ErrorCode.INTERNAL), Map.of());
            bytes = "{\"code\":\"INTERNAL\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(bytes));
        HttpHeaders headers = out.headers();
        if (response.body() != null) {
            headers.set(HttpHeaderNames.CONTENT_TYPE,
                    response.body() instanceof RestResponse.Raw raw ? raw.contentType() : "application/json");
        }
        headers.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        response.headers().forEach(headers::set);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        cors.decorate(requestHeaders, headers);
        io.netty.handler.codec.http.HttpUtil.setKeepAlive(out, keepAlive);
        var future = ctx.writeAndFlush(out);
        if (!keepAlive) future.addListener(io.netty.channel.ChannelFutureListener.CLOSE);
    }

    private static Map<String, String> match(String[] pattern, String[] path) {
        if (pattern.length != path.length) return null;
        Map<String, String> params = null;
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].startsWith(":")) {
                if (params == null) params = new LinkedHashMap<>(4);
                params.put(pattern[i].substring(1), path[i]);
            } else if (!pattern[i].equals(path[i])) {
                return null;
            }
        }
        return params == null ? Map.of() : params;
    }

    private static String[] split(String path) {
        return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }
}
