package dev.switchboard.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.common.SwitchboardException;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One REST request as handlers see it: path parameters, query, headers, the raw body and the
 * authenticated principal (null on public routes).
 */
public record RestRequest(
        String method, String path, Map<String, String> params, Map<String, List<String>> query,
        HttpHeaders headers, byte[] body, Object principal, ObjectMapper json) {

    public String param(String name) {
        String value = params.get(name);
        if (value == null) throw new IllegalStateException("route has no parameter " + name);
        return value;
    }

    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The query parameter as an int within [min, max], or the default; anything else is a validation error. */
    public int intQuery(String name, int defaultValue, int min, int max) {
        Optional<String> raw = queryParam(name);
        if (raw.isEmpty() || raw.get().isBlank()) return defaultValue;
        try {
            int value = Integer.parseInt(raw.get().trim());
            if (value < min || value > max) throw new NumberFormatException();
            return value;
        } catch (NumberFormatException e) {
            throw SwitchboardException.invalid(name + " must be an integer between " + min + " and " + max);
        }
    }

    @SuppressWarnings("unchecked")
    public <T> T principal(Class<T> type) {
        return (T) principal;
    }

    /** The body as a JSON object; an empty body is an empty object; anything else is a validation error. */
    public ObjectNode jsonObject() {
        if (body.length == 0) return JsonNodeFactory.instance.objectNode();
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw SwitchboardException.invalid("request body is not valid JSON");
        } catch (java.io.IOException e) {
            throw SwitchboardException.invalid("request body could not be read");
        }
        if (node == null || node.isMissingNode()) return JsonNodeFactory.instance.objectNode();
        if (!node.isObject()) throw SwitchboardException.invalid("request body must be a JSON object");
        return (ObjectNode) node;
    }
}
