package dev.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A small REST client for end-to-end tests, on {@link java.net.http.HttpClient}: every call has a
 * timeout, answers status, headers and the body parsed as JSON (a missing node when it is empty
 * or not JSON). Bodies given as a {@code String} or {@code byte[]} are sent as they are, so tests
 * can send malformed JSON; anything else is serialized with Jackson.
 */
public final class RestClient {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    // HTTP/1.1 explicitly: the default (HTTP/2) would try an h2c upgrade on plain http
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    public RestClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** One answer: status, headers, the raw body and the body as JSON. */
    public record Response(int status, HttpHeaders headers, String raw, JsonNode json) {
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The problem's stable code, or null when the body has none. */
        public String code() {
            return json.path("code").isTextual() ? json.get("code").asText() : null;
        }

        public String text(String field) {
            return json.path(field).asText(null);
        }

        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    public Response post(String path, String token, Object body) {
        return send("POST", path, token, body, Map.of());
    }

    /** Any method, path (with query), bearer token (null for none), body (null for none) and extra headers. */
    public Response send(String method, String path, String token, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT);
        Map<String, String> all = new LinkedHashMap<>();
        if (token != null) all.put("Authorization", "Bearer " + token);
        if (body != null) all.put("Content-Type", "application/json");
        all.putAll(headers);
        all.forEach(request::header);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String raw = new String(response.body(), StandardCharsets.UTF_8);
            return new Response(response.statusCode(), response.headers(), raw, parse(raw));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A JSON object from alternating keys and values, for request bodies. */
    public static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return map;
    }

    private static byte[] bytes(Object body) {
        if (body instanceof byte[] b) return b;
        if (body instanceof String s) return s.getBytes(StandardCharsets.UTF_8);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode parse(String raw) {
        if (raw.isBlank()) return MissingNode.getInstance();
        try {
            return JSON.readTree(raw);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
