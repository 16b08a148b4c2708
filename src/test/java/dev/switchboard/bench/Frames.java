package dev.switchboard.bench;

/**
 * Cheap reads of the few fields the generator needs from a packet's JSON text, without parsing
 * the whole document: the servers under test write these fields as plain JSON strings without
 * escapes (the generator chooses their values).
 */
final class Frames {
    private Frames() {}

    /** The string value of the first {@code "name":"..."} in {@code text}, or null. */
    static String stringField(String text, String name) {
        String key = "\"" + name + "\":\"";
        int at = text.indexOf(key);
        if (at < 0) return null;
        int from = at + key.length();
        int to = text.indexOf('"', from);
        return to < 0 ? null : text.substring(from, to);
    }

    /** The event name of a {@code 42[...]} packet (with or without an ack id), or null. */
    static boolean isEvent(String packet, String event) {
        int i = 2;
        while (i < packet.length() && Character.isDigit(packet.charAt(i))) i++;
        return packet.startsWith("[\"" + event + "\"", i);
    }

    /** The send time the generator put at the start of a message text: {@code t<nanos>:...}. */
    static long sentNanos(String message) {
        int colon = message.indexOf(':');
        return Long.parseLong(message, 1, colon, 10);
    }

    /** A message text of {@code length} characters that starts with its send time. */
    static String message(long sentNanos, int length) {
        StringBuilder sb = new StringBuilder(length).append('t').append(sentNanos).append(':');
        while (sb.length() < length) sb.append('x');
        return sb.toString();
    }
}
