package dev.switchboard.routing;

import dev.switchboard.common.SwitchboardException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What agents see of a waiting customer: display name, e-mail, topic, and a few free-form fields the
 * widget collected (order number, page). Absent texts are empty strings. Bounded, because it comes
 * from anonymous visitors and is broadcast to every agent with each queue change.
 */
public record CustomerDetails(String name, String email, String topic, Map<String, String> fields) {
    public static final int MAX_NAME = 200;
    public static final int MAX_EMAIL = 320;
    public static final int MAX_TOPIC = 500;
    public static final int MAX_FIELDS = 20;
    public static final int MAX_FIELD_KEY = 64;
    public static final int MAX_FIELD_VALUE = 500;
    public static final CustomerDetails NONE = new CustomerDetails("", "", "", Map.of());

    public CustomerDetails {
        name = text("name", name, MAX_NAME);
        email = text("email", email, MAX_EMAIL);
        topic = text("topic", topic, MAX_TOPIC);
        fields = fields(fields);
    }

    public static CustomerDetails of(String name, String email, String topic) {
        return new CustomerDetails(name, email, topic, Map.of());
    }

    private static String text(String what, String value, int max) {
        if (value == null) return "";
        String v = value.strip();
        if (v.length() > max) throw SwitchboardException.invalid(what + " must be at most " + max + " characters");
        return v;
    }

    private static Map<String, String> fields(Map<String, String> fields) {
        if (fields == null || fields.isEmpty()) return Map.of();
        if (fields.size() > MAX_FIELDS) throw SwitchboardException.invalid("at most " + MAX_FIELDS + " customer fields");
        Map<String, String> copy = new LinkedHashMap<>();
        fields.forEach((key, value) -> {
            if (key == null || key.isBlank() || key.length() > MAX_FIELD_KEY) {
                throw SwitchboardException.invalid("customer field names must be 1.." + MAX_FIELD_KEY + " characters");
            }
            copy.put(key, text("customer field " + key, value, MAX_FIELD_VALUE));
        });
        return Map.copyOf(copy);
    }
}
