package dev.switchboard.app;

import dev.switchboard.fixture.ConformanceFixture;
import dev.switchboard.http.HttpServer;
import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Command-line entry point: reads the configuration and starts one Switchboard server. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws Exception {
        long startNanos = System.nanoTime();
        String carriers = HandlerCarriers.apply(); // before anything starts a virtual thread
        LaunchOptions options;
        try {
            options = new ConfigLoader().load(System.getenv(), args);
        } catch (ConfigException e) {
            log.error("invalid configuration: {}", e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            PrintStream out = System.out; // --help is the command's output, not a log line
            out.println(ConfigLoader.helpText());
            return;
        }
        if (options.conformanceFixture()) {
            HttpServer fixture = ConformanceFixture.start("127.0.0.1", 3000);
            Runtime.getRuntime().addShutdownHook(new Thread(fixture::close, "shutdown"));
            log.info("conformance fixture listening on http://127.0.0.1:{}", fixture.port());
            return;
        }
        ConfigLoader.describe(options).forEach(line -> log.info("config {}", line));
        log.info("event loops: {}; handler carriers: {}", HttpServer.defaultLoops(), carriers);
        ServerConfig config = options.config();
        Switchboard server;
        try {
            server = Switchboard.start(config);
        } catch (Throwable e) { // a port in use, say: nothing keeps running, the exit status says so
            log.error("cannot start: {}", e.toString(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down");
            server.close();
        }, "shutdown"));
        String host = config.http().host().equals("0.0.0.0") ? "localhost" : config.http().host();
        String url = "http://" + host + ":" + server.port();
        if (config.demo()) DemoData.seed(server.services().identity(), url).forEach(log::info);
        log.info("Switchboard listening on {} (started in {} ms)", url, (System.nanoTime() - startNanos) / 1_000_000);
    }
}
