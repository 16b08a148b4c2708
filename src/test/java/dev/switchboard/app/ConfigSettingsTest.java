package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The setting definitions themselves and what is generated from them: help and the docs table. */
class ConfigSettingsTest {

    @Test
    void everySettingHasADocAndItsOwnVariableAndFlag() {
        Set<String> names = new HashSet<>();
        Set<String> flags = new HashSet<>();
        for (Setting<?> s : Setting.ALL) {
            assertThat(s.doc()).as(s.env()).isNotBlank().endsWith(".");
            assertThat(s.env()).matches("[A-Z][A-Z0-9_]*");
            assertThat(s.flag()).matches("--[a-z][a-z0-9-]*");
            for (String name : s.envNames()) assertThat(names.add(name)).as(name + " defined twice").isTrue();
            assertThat(flags.add(s.flag())).as(s.flag() + " defined twice").isTrue();
        }
        assertThat(flags).doesNotContainAnyElementsOf(SettingsDoc.launchFlags());
    }

    @Test
    void everyDefaultPassesItsOwnRule() {
        for (Setting<?> s : Setting.ALL) {
            if (s.defaultValue() != null) assertDefaultValid(s);
        }
    }

    private static <T> void assertDefaultValid(Setting<T> s) {
        assertThat(s.rule().test().test(s.defaultValue())).as(s.env()).isTrue();
        assertThat(s.parse(s.type().format(s.defaultValue()))).as(s.env()).isEqualTo(s.defaultValue());
    }

    @Test
    void rendersAMarkdownTableWithARowPerSetting() {
        String table = SettingsDoc.markdownTable();

        assertThat(table.lines()).hasSize(2 + Setting.ALL.size() + 1);
        assertThat(table)
                .contains("| `PORT` | `--port` | int | 5000 | `http.port` | TCP port for Socket.IO")
                .contains("| `JWT_SECRET`, `ACCESS_TOKEN_SECRET` | `--jwt-secret` | text | generated |")
                .contains("| `ACCESS_TOKEN_TTL` | `--access-token-ttl` | duration | 15m |")
                .contains("| `DATABASE_URL` | `--database-url` | jdbc-url | unset |")
                .contains("| `CORS_ORIGIN` | `--cors-origin` | origins | empty |")
                .contains("`--conformance-fixture`");
    }

    @Test
    void theOperationsGuideHoldsTheGeneratedTableOfEverySetting() throws Exception {
        String guide = java.nio.file.Files.readString(java.nio.file.Path.of("docs/operations.md"));

        assertThat(guide).as("docs/operations.md must contain SettingsDoc.markdownTable() verbatim; regenerate it")
                .contains(SettingsDoc.markdownTable().strip());
    }

    @Test
    void generatesHelpListingEveryFlag() {
        String help = SettingsDoc.helpText();

        for (Setting<?> s : Setting.ALL) assertThat(help).contains(s.flag()).contains(String.join(", ", s.envNames()) + ": " + s.doc());
        assertThat(help).contains("--demo ").doesNotContain("--demo <").contains("--port <int>")
                .contains("--conformance-fixture").contains("--help, -h");
    }

    @Test
    void parsesDurationsInShortAndIsoForms() {
        assertThat(SettingType.DURATION.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(SettingType.DURATION.parse("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(SettingType.DURATION.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(SettingType.DURATION.parse("2w")).isEqualTo(Duration.ofDays(14));
        assertThat(SettingType.DURATION.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(SettingType.DURATION.parse("PT15M")).isEqualTo(Duration.ofMinutes(15));
        assertThat(SettingType.DURATION.parse(" 45S ")).isEqualTo(Duration.ofSeconds(45));
        for (String bad : new String[] {"15", "m", "15 m", "15min", "1h-5m", "P1X", ""}) {
            assertThatThrownBy(() -> SettingType.DURATION.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void formatsDurationsInTheLargestWholeUnit() {
        assertThat(SettingType.DURATION.format(Duration.ofDays(30))).isEqualTo("30d");
        assertThat(SettingType.DURATION.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(SettingType.DURATION.format(Duration.ofSeconds(61))).isEqualTo("61s");
        assertThat(SettingType.DURATION.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    @Test
    void normalisesOriginsAndRefusesUrlsThatAreNotOrigins() {
        assertThat(SettingType.normaliseOrigin("HTTPS://App.Example:8443/")).isEqualTo("https://app.example:8443");
        assertThat(SettingType.normaliseOrigin("*")).isEqualTo("*");
        for (String bad : new String[] {"app.example", "https://app.example/path", "ftp://app.example",
                "https://app.example?x=1", "https://user@app.example", "not an origin"}) {
            assertThatThrownBy(() -> SettingType.normaliseOrigin(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an origin");
        }
    }

    @Test
    void acceptsTheUsualSpellingsOfBooleans() {
        for (String yes : new String[] {"true", "TRUE", "1", "yes", "on"}) {
            assertThat(SettingType.BOOLEAN.parse(yes)).as(yes).isTrue();
        }
        for (String no : new String[] {"false", "0", "no", "Off"}) {
            assertThat(SettingType.BOOLEAN.parse(no)).as(no).isFalse();
        }
        assertThatThrownBy(() -> SettingType.BOOLEAN.parse("maybe")).hasMessage("not a boolean (true/false): 'maybe'");
    }
}
