package dev.switchboard.app;

import dev.switchboard.routing.Department;
import dev.switchboard.routing.DepartmentChoice;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the text of an environment variable or flag becomes a typed value and back. Parsers throw
 * {@link IllegalArgumentException} with a message that completes "PORT: ..." for the operator.
 *
 * @param name how help and docs name the type, e.g. {@code int} or {@code duration}
 */
public record SettingType<T>(String name, Function<String, T> parser, Function<T, String> formatter) {

    public SettingType {
        Objects.requireNonNull(name);
        Objects.requireNonNull(parser);
        Objects.requireNonNull(formatter);
    }

    public static final SettingType<Integer> INT = new SettingType<>("int", SettingType::parseInt, String::valueOf);
    public static final SettingType<Long> MILLIS = new SettingType<>("millis", SettingType::parseLong, String::valueOf);
    public static final SettingType<String> TEXT = new SettingType<>("text", s -> s, s -> s);
    public static final SettingType<Boolean> BOOLEAN =
            new SettingType<>("bool", SettingType::parseBoolean, String::valueOf);
    /** {@code 45s}, {@code 15m}, {@code 12h}, {@code 30d}, {@code 1h30m}, or ISO-8601 {@code PT15M}. */
    public static final SettingType<Duration> DURATION =
            new SettingType<>("duration", SettingType::parseDuration, SettingType::formatDuration);
    /** Comma-separated browser origins ({@code https://app.example:8443}) or {@code *}, normalised. */
    public static final SettingType<List<String>> ORIGINS =
            new SettingType<>("origins", SettingType::parseOrigins, list -> String.join(",", list));
    /** Comma-separated media types ({@code image/png,application/pdf}), lower-cased, without parameters. */
    public static final SettingType<List<String>> MEDIA_TYPES =
            new SettingType<>("media-types", SettingType::parseMediaTypes, list -> String.join(",", list));
    /** Comma-separated {@code id:Name} pairs ({@code billing:Billing,tech:Technical support}), ids unique. */
    public static final SettingType<List<DepartmentChoice>> DEPARTMENTS = new SettingType<>("departments",
            SettingType::parseDepartments, list -> String.join(",",
                    list.stream().map(c -> c.department().id() + ":" + c.name()).toList()));
    public static final SettingType<Path> PATH = new SettingType<>("path", SettingType::parsePath, Path::toString);
    /** An absolute http or https URL. */
    public static final SettingType<String> HTTP_URL = new SettingType<>("url", SettingType::parseHttpUrl, s -> s);
    public static final SettingType<String> JDBC_URL = new SettingType<>("jdbc-url", SettingType::parseJdbcUrl, s -> s);

    public T parse(String raw) {
        return parser.apply(raw.strip());
    }

    public String format(T value) {
        return value == null ? "" : formatter.apply(value);
    }

    private static List<DepartmentChoice> parseDepartments(String raw) {
        List<DepartmentChoice> choices = new ArrayList<>();
        if (raw.isEmpty()) return choices;
        for (String item : raw.split(",")) {
            int colon = item.indexOf(':');
            if (colon < 0) throw new IllegalArgumentException("expected id:Name, got '" + item.strip() + "'");
            String id = item.substring(0, colon).strip();
            if (id.isEmpty()) throw new IllegalArgumentException("empty department id in '" + item.strip() + "'");
            DepartmentChoice choice;
            try {
                choice = new DepartmentChoice(Department.of(id), item.substring(colon + 1).strip());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            if (choices.stream().anyMatch(c -> c.department().equals(choice.department()))) {
                throw new IllegalArgumentException("department '" + id + "' is listed twice");
            }
            choices.add(choice);
        }
        return List.copyOf(choices);
    }

    private static int parseInt(String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer: '" + raw + "'");
        }
    }

    private static long parseLong(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer number of milliseconds: '" + raw + "'");
        }
    }

    private static boolean parseBoolean(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException("not a boolean (true/false): '" + raw + "'");
        };
    }

    private static final Pattern DURATION_PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d|w)");

    static Duration parseDuration(String raw) {
        if (raw.startsWith("P") || raw.startsWith("p")) {
            try {
                return Duration.parse(raw);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration: '" + raw + "'");
            }
        }
        if (raw.chars().allMatch(Character::isDigit) && !raw.isEmpty()) {
            // jsonwebtoken reads "900" as seconds and 900 as milliseconds; refusing both avoids guessing.
            throw new IllegalArgumentException("'" + raw + "' needs a unit, e.g. 15m, 12h or 30d");
        }
        Matcher m = DURATION_PART.matcher(raw.toLowerCase(Locale.ROOT));
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            });
            end = m.end();
        }
        if (end == 0 || end != raw.length()) {
            throw new IllegalArgumentException("not a duration: '" + raw + "' (use e.g. 45s, 15m, 12h, 30d)");
        }
        return total;
    }

    static String formatDuration(Duration d) {
        long millis = d.toMillis();
        if (millis != 0 && millis % 86_400_000 == 0) return millis / 86_400_000 + "d";
        if (millis != 0 && millis % 3_600_000 == 0) return millis / 3_600_000 + "h";
        if (millis != 0 && millis % 60_000 == 0) return millis / 60_000 + "m";
        if (millis % 1000 == 0) return millis / 1000 + "s";
        return millis + "ms";
    }

    private static List<String> parseMediaTypes(String raw) {
        LinkedHashSet<String> types = new LinkedHashSet<>();
        for (String part : raw.split(",")) {
            String type = part.strip().toLowerCase(java.util.Locale.ROOT);
            if (type.isEmpty()) continue;
            if (!type.matches("[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*")) {
                throw new IllegalArgumentException("not a media type (type/subtype): '" + part.strip() + "'");
            }
            types.add(type);
        }
        return List.copyOf(types);
    }

    private static List<String> parseOrigins(String raw) {
        LinkedHashSet<String> origins = new LinkedHashSet<>();
        for (String part : raw.split(",")) {
            String origin = part.strip();
            if (!origin.isEmpty()) origins.add(normaliseOrigin(origin));
        }
        return List.copyOf(new ArrayList<>(origins));
    }

    /**
     * Browsers send {@code Origin} as lower-case scheme://host[:port] without a path; an allow-list
     * entry with a trailing slash or capitals would silently never match, so normalise or refuse.
     */
    static String normaliseOrigin(String origin) {
        if (origin.equals("*")) return origin;
        URI uri;
        try {
            uri = new URI(origin);
        } catch (Exception e) {
            throw new IllegalArgumentException("not an origin: '" + origin + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean pathless = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !pathless
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "not an origin: '" + origin + "' (expected scheme://host[:port] like https://app.example, or *)");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static Path parsePath(String raw) {
        try {
            return Path.of(raw);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path: '" + raw + "'");
        }
    }

    private static String parseHttpUrl(String raw) {
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) return raw;
        } catch (Exception e) {
            // fall through to the one message below
        }
        throw new IllegalArgumentException("not an absolute http(s) URL: '" + raw + "'");
    }

    private static String parseJdbcUrl(String raw) {
        if (!raw.startsWith("jdbc:")) {
            throw new IllegalArgumentException(
                    "must be a JDBC URL such as jdbc:postgresql://db:5432/switchboard (it does not start with jdbc:)");
        }
        return raw;
    }
}
