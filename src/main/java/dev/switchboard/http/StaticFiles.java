package dev.switchboard.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the web UI's files from the classpath folder {@code public/}. Files are read once and kept
 * in memory with a strong ETag; files under {@code assets/} carry content hashes in their names and
 * are cached for a year, everything else is revalidated.
 */
public final class StaticFiles implements HttpDispatcher.Handler {
    private record File(byte[] bytes, String contentType, String etag) {}

    private static final File MISSING = new File(new byte[0], "", "");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"), Map.entry("woff2", "font/woff2"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("map", "application/json"), Map.entry("yaml", "application/yaml"));

    private final String root;
    private final Map<String, File> cache = new ConcurrentHashMap<>();

    public StaticFiles(String classpathRoot) {
        this.root = classpathRoot.endsWith("/") ? classpathRoot : classpathRoot + "/";
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
            respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, null);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        if (path.endsWith("/")) path = path + "index.html";
        if (path.contains("..") || path.contains("\\") || path.contains("\0")) {
            respond(ctx, request, HttpResponseStatus.NOT_FOUND, null);
            return;
        }
        File file = cache.computeIfAbsent(path, this::load);
        if (file == MISSING && !path.contains(".")) {
            file = cache.computeIfAbsent(path + ".html", this::load); // /demo -> demo.html
        }
        if (file == MISSING) {
            respond(ctx, request, HttpResponseStatus.NOT_FOUND, null);
        } else if (file.etag.equals(request.headers().get(HttpHeaderNames.IF_NONE_MATCH))) {
            respond(ctx, request, HttpResponseStatus.NOT_MODIFIED, file);
        } else {
            respond(ctx, request, HttpResponseStatus.OK, file);
        }
    }

    private File load(String path) {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(root + path.substring(1))) {
            if (in == null) return MISSING;
            byte[] bytes = in.readAllBytes();
            String ext = path.substring(path.lastIndexOf('.') + 1);
            String type = TYPES.getOrDefault(ext, "application/octet-stream");
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new File(bytes, type, "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"");
        } catch (IOException | NoSuchAlgorithmException e) {
            return MISSING;
        }
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, File file) {
        boolean withBody = file != null && status == HttpResponseStatus.OK && !HttpMethod.HEAD.equals(request.method());
        byte[] body = withBody ? file.bytes : status == HttpResponseStatus.NOT_FOUND
                ? "not found\n".getBytes(StandardCharsets.UTF_8) : new byte[0];
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        var headers = response.headers();
        if (file != null) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, file.contentType);
            headers.set(HttpHeaderNames.ETAG, file.etag);
            String path = new QueryStringDecoder(request.uri()).path();
            headers.set(HttpHeaderNames.CACHE_CONTROL,
                    path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
        } else if (status == HttpResponseStatus.NOT_FOUND) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        }
        headers.set("X-Content-Type-Options", "nosniff");
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, withBody || file == null ? body.length : file.bytes.length);
        HttpDispatcher.write(ctx, request, response);
    }
}
