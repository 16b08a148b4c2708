package dev.switchboard.http;

import java.util.Map;

/**
 * What a REST handler answers: a status, a body serialized as JSON (null for none; a {@link Raw}
 * body is sent as it is) and extra headers.
 */
public record RestResponse(int status, Object body, Map<String, String> headers) {
    public RestResponse {
        headers = Map.copyOf(headers);
    }

    public static RestResponse ok(Object body) {
        return new RestResponse(200, body, Map.of());
    }

    public static RestResponse created(Object body) {
        return new RestResponse(201, body, Map.of());
    }

    /** A body sent as it is, not as JSON: a downloaded file. */
    public record Raw(byte[] bytes, String contentType) {}

    public static RestResponse noContent() {
        return new RestResponse(204, null, Map.of());
    }
}
