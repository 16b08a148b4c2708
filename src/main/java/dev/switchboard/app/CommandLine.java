package dev.switchboard.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits command-line arguments into raw setting values and launch switches. Accepts
 * {@code --name value}, {@code --name=value}, bare switches ({@code --demo}, {@code --demo=false});
 * a switch never consumes the next argument, so {@code --demo false} is an error rather than a
 * silent surprise. Problems are collected, not thrown, so every bad flag is reported at once.
 */
record CommandLine(
        Map<Setting<?>, String> values, boolean help, boolean conformanceFixture, List<ConfigException.Problem> problems) {

    private static final Map<String, Setting<?>> BY_FLAG = new HashMap<>();

    static {
        for (Setting<?> s : Setting.ALL) BY_FLAG.put(s.flag(), s);
    }

    static CommandLine parse(String[] args) {
        Map<Setting<?>, String> values = new LinkedHashMap<>();
        List<ConfigException.Problem> problems = new ArrayList<>();
        boolean help = false;
        boolean fixture = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                problems.add(new ConfigException.Problem(arg, "unexpected argument; flags start with --, see --help"));
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            String inline = eq < 0 ? null : arg.substring(eq + 1);
            if (name.equals(SettingsDoc.HELP_FLAG) || name.equals(SettingsDoc.CONFORMANCE_FIXTURE_FLAG)) {
                boolean on = inline == null || SettingType.BOOLEAN.parse(orFalse(inline, name, problems));
                if (name.equals(SettingsDoc.HELP_FLAG)) help = on;
                else fixture = on;
                continue;
            }
            Setting<?> setting = BY_FLAG.get(name);
            if (setting == null) {
                problems.add(new ConfigException.Problem(name, "unknown flag; see --help"));
                continue;
            }
            String value = inline;
            if (value == null && setting.isSwitch()) {
                value = "true";
            } else if (value == null && i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            }
            if (value == null || value.isBlank()) {
                problems.add(new ConfigException.Problem(setting.env(), name + " needs a value"));
                continue;
            }
            // Repeating a flag is allowed; the last one wins, as in most command-line tools.
            values.put(setting, value);
        }
        return new CommandLine(Map.copyOf(values), help, fixture, List.copyOf(problems));
    }

    /** Lets a malformed {@code --help=maybe} be reported instead of throwing out of the parse. */
    private static String orFalse(String inline, String name, List<ConfigException.Problem> problems) {
        try {
            SettingType.BOOLEAN.parse(inline);
            return inline;
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigException.Problem(name, e.getMessage()));
            return "false";
        }
    }
}
