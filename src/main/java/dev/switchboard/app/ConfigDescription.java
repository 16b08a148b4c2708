package dev.switchboard.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders the effective configuration as {@code KEY=value} lines for the start-up log, with
 * secrets replaced by {@code ****} and a note on where they came from, so an operator can check
 * which secret is in use without the log ever holding one.
 */
final class ConfigDescription {
    static final String MASK = "****";
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/:@]+:)[^/@]*@");

    private ConfigDescription() {}

    static List<String> lines(ServerConfig config, Map<String, String> sources) {
        List<String> lines = new ArrayList<>();
        for (Setting<?> setting : Setting.ALL) {
            if (setting.read() != null) lines.add(line(setting, config, sources.get(setting.env())));
        }
        return List.copyOf(lines);
    }

    private static <T> String line(Setting<T> setting, ServerConfig config, String source) {
        String text = setting.type().format(setting.read().apply(config));
        if (setting.secret()) {
            text = text.isEmpty() ? "(not set)" : MASK + (source == null ? "" : "(" + phrase(source) + ")");
        } else if (setting == Setting.DATABASE_URL) {
            text = maskUrlPassword(text);
        }
        return setting.env() + "=" + text;
    }

    private static String phrase(String source) {
        return source.startsWith("env") || source.startsWith("flag") ? "from " + source : source;
    }

    /** JDBC URLs may embed credentials: {@code ?password=...} or {@code //user:pass@host}. */
    static String maskUrlPassword(String url) {
        String masked = URL_PASSWORD.matcher(url).replaceAll("$1" + MASK);
        return URL_USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
    }
}
