package dev.switchboard.jdbc;

import dev.switchboard.common.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads RocksDB's native library from a copy kept under the data directory. {@code RocksDB.loadLibrary()}
 * extracts the library (15 MB) from the jar into a new temporary file at every start: 136–151 ms on the
 * path to the first accepted connection, against 32–42 ms to load a copy already on disk (decision
 * 0009), and a crashed process leaves its copy behind in the temporary directory. Here the copy is
 * made once per build of the library (named by its CRC in the jar, so an upgrade makes a new one),
 * and RocksDB is then told where it is. Anything unexpected falls back to RocksDB's own loading.
 */
final class RocksLibrary {
    private static final Logger log = LoggerFactory.getLogger(RocksLibrary.class);

    private RocksLibrary() {}

    /** Loads the library, from {@code cacheDir} when possible; throws what RocksDB's loading throws. */
    static void load(Path cacheDir) {
        Path dir = null;
        try {
            dir = cached(cacheDir);
        } catch (IOException | RuntimeException e) {
            log.debug("RocksDB's library not cached ({}); extracting it as RocksDB does", e.toString());
        }
        if (dir != null) {
            try {
                RocksDB.loadLibrary(List.of(dir.toString()));
                return;
            } catch (UnsatisfiedLinkError e) {
                log.warn("RocksDB's cached library in {} did not load ({}); extracting it as RocksDB does", dir, e.toString());
            }
        }
        RocksDB.loadLibrary();
    }

    /** The directory holding the library under the name {@code RocksDB.loadLibrary(paths)} looks for. */
    private static Path cached(Path cacheDir) throws IOException {
        URL resource = RocksDB.class.getClassLoader().getResource(Environment.getJniLibraryFileName("rocksdb"));
        if (resource == null) throw new IOException("no library for this platform in the jar");
        URLConnection connection = resource.openConnection();
        if (!(connection instanceof JarURLConnection jar)) throw new IOException("the library is not in a jar");
        long crc = jar.getJarEntry().getCrc();
        if (crc < 0) throw new IOException("the jar does not record the library's checksum");
        Path dir = cacheDir.resolve("rocksdb-" + Long.toHexString(crc).toLowerCase(Locale.ROOT));
        Path file = dir.resolve(Environment.getJniLibraryFileName("rocksdbjni"));
        if (Files.exists(file) && Files.size(file) == jar.getJarEntry().getSize()) {
            return dir;
        }
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, "library", ".partial");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            AtomicFiles.replace(partial, file);
        } finally {
            Files.deleteIfExists(partial);
        }
        log.info("RocksDB's native library kept in {} (extracted once per version)", dir);
        return dir;
    }
}
