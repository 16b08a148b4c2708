package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where RocksDB's native library cannot load (decision 0009: it is built for Linux only), which these
 * tests stand in for with a loader that fails as the JDK does for a missing library.
 */
class MessagesFromH2Test {
    private static final Runnable CANNOT_LOAD = () -> {
        throw new UnsatisfiedLinkError("no rocksdbjni in java.library.path");
    };

    @TempDir
    Path dataDir;

    @Test
    void aDataDirectoryWhoseMessagesAreInRocksDbIsNotOpenedWhereRocksDbCannotRun() {
        Path dir = dataDir.resolve("messages");
        RocksMessageStore.open(dir).close(); // an earlier start, where RocksDB ran, made the store
        try (H2TestDatabase h2 = new H2TestDatabase(false)) {
            assertThatThrownBy(() -> MessagesFromH2.open(h2.database().jdbc(), dir, CANNOT_LOAD))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the messages are in " + dir + ", but RocksDB cannot run here")
                    .hasCauseInstanceOf(UnsatisfiedLinkError.class);
        }
        assertThat(dir).isDirectory();
    }

    @Test
    void whereRocksDbCannotRunANewDataDirectoryKeepsItsMessagesAsRowsOfH2() {
        Path dir = dataDir.resolve("messages");
        try (H2TestDatabase h2 = new H2TestDatabase(false)) {
            assertThat(MessagesFromH2.open(h2.database().jdbc(), dir, CANNOT_LOAD)).isNull();
        }
        assertThat(Files.exists(dir)).as("no store made").isFalse();
    }
}
