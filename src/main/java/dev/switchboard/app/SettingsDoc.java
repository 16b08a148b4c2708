package dev.switchboard.app;

import java.util.List;

/**
 * Renders {@link Setting#ALL} for people: the {@code --help} text and the Markdown table of
 * docs/operations.md. Both come from the one list so that documentation cannot fall behind the code.
 */
public final class SettingsDoc {

    /** Flags that choose what to launch rather than configure the server; not settings. */
    static final String CONFORMANCE_FIXTURE_FLAG = "--conformance-fixture";
    static final String HELP_FLAG = "--help";
    static final String CONFORMANCE_FIXTURE_DOC =
            "Start the Socket.IO protocol conformance fixture (shared/conformance/FIXTURE.md) instead of the product.";
    static final String HELP_DOC = "Print this help and exit.";

    private SettingsDoc() {}

    /** The text {@code --help} prints. */
    public static String helpText() {
        StringBuilder out = new StringBuilder("""
                Usage: switchboard [flags]

                Every setting can be given as an environment variable or as a flag (--port 5000 or
                --port=5000); a flag wins over the variable. Durations: 45s, 15m, 12h, 30d or ISO-8601.

                """);
        for (Setting<?> s : Setting.ALL) {
            String flag = s.isSwitch() ? s.flag() : s.flag() + " <" + s.type().name() + ">";
            String env = String.join(", ", s.envNames());
            out.append(row(flag, env + ": " + s.doc() + defaultNote(s)));
        }
        out.append(row(CONFORMANCE_FIXTURE_FLAG, CONFORMANCE_FIXTURE_DOC));
        out.append(row(HELP_FLAG + ", -h", HELP_DOC));
        return out.toString();
    }

    /** The settings as a Markdown table: key, environment variable(s), flag, type, default, doc. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder("| Environment | Flag | Type | Default | Config key | Description |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Setting<?> s : Setting.ALL) {
            out.append("| ").append(String.join(", ", s.envNames().stream().map(e -> "`" + e + "`").toList()))
                    .append(" | `").append(s.flag()).append("` | ").append(s.type().name())
                    .append(" | ").append(cell(defaultText(s)))
                    .append(" | `").append(s.key()).append("` | ").append(cell(s.doc())).append(" |\n");
        }
        out.append("| | `").append(CONFORMANCE_FIXTURE_FLAG).append("` | | | | ").append(cell(CONFORMANCE_FIXTURE_DOC))
                .append(" |\n");
        return out.toString();
    }

    static <T> String defaultText(Setting<T> s) {
        if (s.defaultValue() == null) {
            return s.secret() && s.key().startsWith("security.") ? "generated" : "unset";
        }
        String text = s.type().format(s.defaultValue());
        return text.isEmpty() ? "empty" : text;
    }

    private static <T> String defaultNote(Setting<T> s) {
        return " (default: " + defaultText(s) + ")";
    }

    private static String row(String left, String right) {
        String pad = left.length() >= 28 ? "\n" + " ".repeat(30) : " ".repeat(28 - left.length());
        return "  " + left + pad + "  " + right + "\n";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    static List<String> launchFlags() {
        return List.of(CONFORMANCE_FIXTURE_FLAG, HELP_FLAG, "-h");
    }
}
