package dev.switchboard.app;

import dev.switchboard.fixture.ConformanceFixture;
import dev.switchboard.http.HttpServer;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Command-line entry point: reads the configuration and starts one Switchboard server. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--conformance-fixture")) {
            HttpServer server = ConformanceFixture.start("127.0.0.1", 3000);
            log.info("conformance fixture listening on http://127.0.0.1:{}", server.port());
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
            return;
        }
        throw new UnsupportedOperationException("the server is being assembled; see issue 2");
    }
}
