package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class LoggingSetupTest {

    @Test
    void logsTextAtInfoWithTheLibrariesAtWarnWhenNothingIsSet() {
        LoggerContext context = configured(Map.of());

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        ConsoleAppender<ILoggingEvent> appender = (ConsoleAppender<ILoggingEvent>) root.getAppender("text");
        assertThat(appender.isStarted()).isTrue();
        assertThat(appender.getTarget()).isEqualTo("System.out");
        assertThat(((PatternLayoutEncoder) appender.getEncoder()).getPattern())
                .isEqualTo("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} %mdc - %msg%n");
        assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.zaxxer.hikari").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.flywaydb").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.switchboard.app.Main").getEffectiveLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void logsOneJsonObjectPerLineAtTheLevelAskedFor() {
        LoggerContext context = configured(Map.of("LOG_FORMAT", "json", "LOG_LEVEL", "warn"));

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("text")).isNull();
        ConsoleAppender<ILoggingEvent> appender = (ConsoleAppender<ILoggingEvent>) root.getAppender("json");
        assertThat(appender.getEncoder()).isInstanceOf(JsonEncoder.class);
        assertThat(appender.isStarted()).isTrue();
    }

    @Test
    void aLevelLogbackDoesNotKnowMeansDebugAsInTheXmlConfiguration() {
        LoggerContext context = configured(Map.of("LOG_LEVEL", "loud"));

        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
    }

    @Test
    void isFoundByLogbackAndStepsAsideForTheTestsLogbackTestXml() {
        Configurator found = ServiceLoader.load(Configurator.class).findFirst().orElseThrow();
        assertThat(found).isInstanceOf(LoggingSetup.class);

        LoggerContext context = new LoggerContext();
        found.setContext(context);
        assertThat(found.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }

    private static LoggerContext configured(Map<String, String> settings) {
        LoggerContext context = new LoggerContext();
        LoggingSetup.configure(context, settings::get);
        return context;
    }
}
