package dev.switchboard.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import java.util.function.UnaryOperator;

/**
 * The server's logging, set up in code instead of from a {@code logback.xml}: logback finds this
 * class through {@code META-INF/services} before it looks for files. One console appender on
 * standard output, text ({@value #PATTERN}) or, with {@code LOG_FORMAT=json}, one JSON object per
 * line; the root level from {@code LOG_LEVEL} (default {@code INFO}); Netty, the pool and the
 * migrations at {@code WARN}. Both settings are read as a {@code logback.xml} would read them: a
 * system property first, then the environment. Parsing and running an XML configuration took
 * ~0.1 s of every start (docs/performance.md, step 12).
 *
 * <p>An XML configuration still wins when there is one: {@code -Dlogback.configurationFile=...},
 * or a {@code logback-test.xml} or {@code logback.xml} on the class path (the tests have one);
 * then this class steps aside and logback reads the file as usual.
 */
public final class LoggingSetup extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} %mdc - %msg%n";
    private static final String[] QUIET = {"io.netty", "com.zaxxer.hikari", "org.flywaydb"};

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null || hasResource("logback-test.xml")
                || hasResource("logback.xml")) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configure(context, LoggingSetup::setting);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Configures {@code context} with the settings {@code LOG_LEVEL} and {@code LOG_FORMAT} as {@code settings} gives them. */
    static void configure(LoggerContext context, UnaryOperator<String> settings) {
        context.getStatusManager().add(new NopStatusListener());
        boolean json = "json".equals(settings.apply("LOG_FORMAT"));
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(json ? "json" : "text");
        appender.setEncoder(json ? jsonEncoder(context) : textEncoder(context));
        appender.start();
        for (String name : QUIET) context.getLogger(name).setLevel(Level.WARN);
        String level = settings.apply("LOG_LEVEL");
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        // like the XML's <root level="${LOG_LEVEL:-INFO}">: a name logback does not know means DEBUG
        root.setLevel(level == null || level.isEmpty() ? Level.INFO : Level.toLevel(level));
        root.addAppender(appender);
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }

    private static String setting(String name) {
        String value = System.getProperty(name);
        return value != null ? value : System.getenv(name);
    }

    private static boolean hasResource(String name) {
        ClassLoader loader = LoggingSetup.class.getClassLoader();
        return loader != null && loader.getResource(name) != null;
    }
}
