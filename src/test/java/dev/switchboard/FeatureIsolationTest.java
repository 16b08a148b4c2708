package dev.switchboard;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.switchboard.app.ServerConfig;
import org.junit.jupiter.api.Test;

/**
 * The package rules of STYLE habit 1: feature packages hold the rules and never reach for adapters
 * or transports; the Socket.IO stack is a library that knows nothing of the product; and the
 * top-level packages form no cycles (with the one exception named below).
 */
class FeatureIsolationTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.switchboard");

    @Test
    void featurePackagesDependOnNoAdapterTransportOrWiring() {
        noClasses().that().resideInAnyPackage("dev.switchboard.identity..", "dev.switchboard.conversation..",
                        "dev.switchboard.presence..", "dev.switchboard.routing..", "dev.switchboard.support..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.switchboard.socketio..",
                        "dev.switchboard.engineio..", "dev.switchboard.http..", "dev.switchboard.jdbc..",
                        "dev.switchboard.dialect..", "dev.switchboard.app..", "dev.switchboard.redis..",
                        "dev.switchboard.fixture..", "io.netty..", "java.sql..", "javax.sql..", "com.zaxxer..",
                        "org.flywaydb..")
                .check(MAIN);
    }

    @Test
    void socketIoAndEngineIoDependOnNothingOfSwitchboardButEachOtherAndCommon() {
        noClasses().that().resideInAnyPackage("dev.switchboard.engineio..", "dev.switchboard.socketio..")
                .should().dependOnClassesThat(resideInAPackage("dev.switchboard..")
                        .and(not(resideInAnyPackage("dev.switchboard.engineio..", "dev.switchboard.socketio..",
                                "dev.switchboard.common.."))))
                .check(MAIN);
    }

    @Test
    void engineIoIsTheLowerLayerAndKnowsNothingOfSocketIo() {
        noClasses().that().resideInAPackage("dev.switchboard.engineio..")
                .should().dependOnClassesThat().resideInAPackage("dev.switchboard.socketio..")
                .check(MAIN);
    }

    @Test
    void storageAdaptersDoNotReachIntoTransports() {
        noClasses().that().resideInAPackage("dev.switchboard.jdbc..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.switchboard.http..", "dev.switchboard.socketio..",
                        "dev.switchboard.engineio..", "dev.switchboard.dialect..", "io.netty..")
                .check(MAIN);
    }

    @Test
    void topLevelPackagesFormNoCycles() {
        slices().matching("dev.switchboard.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
