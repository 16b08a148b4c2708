package dev.switchboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Feature packages hold the rules and never reach for adapters or transports (STYLE, habit 1). */
class FeatureIsolationTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.switchboard");

    @Test
    void identityAndConversationDependOnNoAdapterOrTransport() {
        noClasses().that().resideInAnyPackage("dev.switchboard.identity..", "dev.switchboard.conversation..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.switchboard.jdbc..", "dev.switchboard.http..",
                        "dev.switchboard.socketio..", "dev.switchboard.redis..", "io.netty..", "java.sql..",
                        "com.zaxxer..", "org.flywaydb..")
                .check(MAIN);
    }

    @Test
    void storageAdaptersDoNotReachIntoTransports() {
        noClasses().that().resideInAPackage("dev.switchboard.jdbc..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.switchboard.http..", "dev.switchboard.socketio..",
                        "io.netty..")
                .check(MAIN);
    }
}
