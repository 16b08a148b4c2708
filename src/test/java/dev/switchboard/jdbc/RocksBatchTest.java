package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/** A write batch built in Java is byte for byte the one RocksDB builds from the same puts, and writes the same. */
class RocksBatchTest {
    @TempDir
    Path dir;

    @Test
    void holdsTheBytesRocksDbBuildsForTheSamePutsInBothFamiliesAndWritesThem() throws Exception {
        byte[][] keys = {text("a"), filled(200, 'k'), text("ü-key"), new byte[0], filled(70_000, 'x')};
        byte[][] values = {text("one"), new byte[0], filled(20_000, 'v'), text("empty key"), filled(130, 'y')};
        try (RocksHandle rocks = RocksHandle.open(dir); WriteOptions options = new WriteOptions()) {
            RocksBatch ours = new RocksBatch(0); // grows as it goes
            try (WriteBatch theirs = new WriteBatch()) {
                for (int i = 0; i < keys.length; i++) {
                    if (i % 2 == 0) {
                        theirs.put(rocks.messages(), keys[i], values[i]);
                        ours.put(rocks.messagesId(), keys[i], values[i]);
                    } else {
                        theirs.put(keys[i], values[i]);
                        ours.put(RocksBatch.DEFAULT_FAMILY, keys[i], values[i]);
                    }
                }
                try (WriteBatch built = ours.toWriteBatch()) {
                    assertThat(rocks.messagesId()).as("a family other than the default").isPositive();
                    assertThat(built.count()).isEqualTo(theirs.count()).isEqualTo(keys.length);
                    assertThat(built.data()).isEqualTo(theirs.data());
                    rocks.db().write(options, built);
                }
            }
            for (int i = 0; i < keys.length; i++) {
                byte[] stored = i % 2 == 0 ? rocks.get(rocks.messages(), keys[i]) : rocks.get(keys[i]);
                assertThat(stored).as("entry %d", i).isEqualTo(values[i]);
            }
            assertThat(rocks.get(rocks.messages(), keys[1])).as("in its own family only").isNull();
        }
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] filled(int length, char c) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) c);
        return b;
    }
}
