package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.RestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built web UI as the server serves it: pages and widget.js revalidated, hashed assets immutable. */
class WebUiServingTest extends ServerPerClassTest {
    private static final Pattern ASSET = Pattern.compile("(/assets/console-[A-Z0-9]+\\.(?:js|css))");
    static RestClient rest;

    @BeforeAll
    static void client() {
        rest = new RestClient(server.url());
    }

    @Test
    void widgetScriptIsJavaScriptRevalidatedOnEveryUseSoHostPagesGetUpdates() {
        RestClient.Response widget = rest.get("/widget.js", null);
        assertThat(widget.status()).isEqualTo(200);
        assertThat(widget.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(widget.header("Cache-Control")).hasValue("no-cache");
        assertThat(widget.raw()).contains("switchboard-widget");

        RestClient.Response again = rest.send("GET", "/widget.js", null, null, Map.of("If-None-Match", widget.header("ETag").orElseThrow()));
        assertThat(again.status()).isEqualTo(304);
    }

    @Test
    void theUiSourcesNeverTurnStringsIntoHtml() throws IOException {
        List<Path> sources;
        try (var files = Files.walk(Path.of("src", "main", "ui", "src"))) {
            sources = files.filter(f -> f.toString().matches(".*\\.(tsx?|js)$")).toList();
        }
        assertThat(sources).isNotEmpty();
        for (Path source : sources) {
            assertThat(Files.readString(source)).as(source.toString())
                    .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function");
        }
    }

    @Test
    void theUiSourcesPassTheStrictTypeChecker() throws Exception {
        Path ui = Path.of("src", "main", "ui");
        Path tsc = ui.resolve("node_modules/typescript/bin/tsc");
        assertThat(tsc).as("installed by the build's npm ci (build.mjs)").exists();
        Path node = dev.switchboard.testing.NodeScripts.executable("node").orElseThrow(() -> new AssertionError("needs Node.js >= 20 on the PATH"));
        Path log = Files.createTempFile("tsc-", ".log");
        try {
            Process tscRun = new ProcessBuilder(node.toString(), "node_modules/typescript/bin/tsc", "-p", ".")
                    .directory(ui.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(tscRun.waitFor(120, TimeUnit.SECONDS)).as("tsc finished within 120 s").isTrue();
            assertThat(tscRun.exitValue()).as("tsc -p src/main/ui:%n%s", Files.readString(log)).isZero();
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Test
    void consoleAndDemoPagesAreServedWithoutTheirExtension() {
        RestClient.Response console = rest.get("/console", null);
        assertThat(console.status()).isEqualTo(200);
        assertThat(console.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(console.header("Cache-Control")).hasValue("no-cache");
        assertThat(console.raw()).contains("<title>Switchboard console</title>");

        RestClient.Response demo = rest.get("/demo", null);
        assertThat(demo.status()).isEqualTo(200);
        assertThat(demo.raw()).contains("<script src=\"/widget.js\" async></script>");
    }

    @Test
    void consoleAssetsHaveContentHashedNamesAndAreCachedForAYearAsImmutable() {
        String page = rest.get("/console", null).raw();
        Matcher assets = ASSET.matcher(page);
        int found = 0;
        while (assets.find()) {
            found++;
            RestClient.Response asset = rest.get(assets.group(1), null);
            assertThat(asset.status()).as(assets.group(1)).isEqualTo(200);
            assertThat(asset.header("Cache-Control")).as(assets.group(1)).hasValue("public, max-age=31536000, immutable");
            assertThat(asset.header("ETag")).as(assets.group(1)).isPresent();
        }
        assertThat(found).as("script and stylesheet referenced by console.html").isEqualTo(2);
        assertThat(rest.get("/assets/console-NOTBUILT.js", null).status()).isEqualTo(404);
    }
}
