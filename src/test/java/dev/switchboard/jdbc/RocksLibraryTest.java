package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.util.Environment;

class RocksLibraryTest {
    @TempDir
    Path dir;

    @Test
    void keepsOneCopyOfTheNativeLibraryPerVersionAndExtractsItOnlyOnce() throws IOException {
        RocksLibrary.load(dir);
        List<Path> copies = files();
        assertThat(copies).hasSize(1);
        Path copy = copies.getFirst();
        assertThat(copy.getFileName().toString()).isEqualTo(Environment.getJniLibraryFileName("rocksdbjni"));
        assertThat(copy.getParent().getFileName().toString()).startsWith("rocksdb-");
        assertThat(Files.size(copy)).isGreaterThan(1_000_000);
        FileTime written = FileTime.fromMillis(0);
        Files.setLastModifiedTime(copy, written);

        RocksLibrary.load(dir);
        assertThat(files()).containsExactly(copy);
        assertThat(Files.getLastModifiedTime(copy)).as("not extracted again").isEqualTo(written);
    }

    @Test
    void replacesACopyThatIsNotWhole() throws IOException {
        RocksLibrary.load(dir);
        Path copy = files().getFirst();
        long size = Files.size(copy);
        // a new file, not the loaded one cut short: the process may have the library mapped from it
        Files.delete(copy);
        Files.write(copy, new byte[] {1, 2, 3});

        RocksLibrary.load(dir);
        assertThat(Files.size(copy)).isEqualTo(size);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }
}
