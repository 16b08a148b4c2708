package dev.switchboard.jdbc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file of the {@link MessageJournal}, written through a memory mapping: a batch is copied into the
 * page cache without a system call, where a {@code write()} per batch cost the event loop ~2 µs per
 * message (docs/performance.md, step 29). Like a write, the copy survives the process's crash, not the
 * machine's. The file is made at its full capacity by writing zeros, so that its blocks exist before
 * anything goes through the mapping (a full disk fails that write, not a copy); a batch that does not fit
 * goes to the file by {@code write()} after the mapped part. After each batch eight zero bytes (a record
 * of length 0) mark the end. A file is recycled rather than deleted and made again: renamed for its new
 * first position and written from its start, over what its earlier use left there, which a reader tells
 * apart by its older positions. Mappings are never unmapped by hand (Java 21 has no API for it); the
 * journal keeps few of them and reuses them. One writer.
 */
final class JournalSegment implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JournalSegment.class);
    private static final int ZEROS_PER_WRITE = 1 << 20;
    private static final int END_MARK_BYTES = 8;

    private final FileChannel channel;
    private final MappedByteBuffer mapped;
    private volatile Path path;
    private volatile long bytes;
    private volatile boolean closed;

    private JournalSegment(Path path, FileChannel channel, MappedByteBuffer mapped) {
        this.path = path;
        this.channel = channel;
        this.mapped = mapped;
    }

    /** A new file {@code file} (replacing one of that name) of {@code capacity} zero bytes, mapped. */
    static JournalSegment create(Path file, long capacity) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(ZEROS_PER_WRITE, capacity));
            for (long at = 0; at < capacity; ) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), capacity - at));
                at += channel.write(zeros, at);
            }
            return new JournalSegment(file, channel, channel.map(FileChannel.MapMode.READ_WRITE, 0, capacity));
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(file);
            throw e;
        }
    }

    Path path() {
        return path;
    }

    /** Bytes the mapping holds; records beyond go to the file by write(). */
    long capacity() {
        return mapped.capacity();
    }

    /** Bytes of records written since the file was made or recycled. */
    long bytes() {
        return bytes;
    }

    /** This file under the name {@code file}, empty again: the end mark at its start. */
    void recycle(Path file) throws IOException {
        if (!file.equals(path)) Files.move(path, file, StandardCopyOption.ATOMIC_MOVE);
        path = file;
        bytes = 0;
        mapped.putLong(0, 0L);
    }

    /**
     * Appends {@code length} bytes of {@code data}; on failure nothing counts as written and the end
     * mark is back where it was (a write past the mapping is cut off instead).
     */
    void write(byte[] data, int length) throws IOException {
        if (closed) throw new IOException("the message journal segment " + path.getFileName() + " is closed");
        long at = bytes;
        long end = at + length;
        try {
            if (end <= mapped.capacity()) {
                mapped.put((int) at, data, 0, length);
            } else {
                ByteBuffer b = ByteBuffer.wrap(data, 0, length);
                for (long p = at; b.hasRemaining(); ) p += channel.write(b, p);
            }
        } catch (IOException e) {
            undo(at);
            throw e;
        } catch (InternalError e) { // how the JDK reports a fault (SIGBUS) while copying into a mapping
            undo(at);
            throw new IOException("writing the mapped journal segment " + path.getFileName() + " failed", e);
        }
        if (end + END_MARK_BYTES <= mapped.capacity()) mapped.putLong((int) end, 0L);
        bytes = end;
    }

    private void undo(long at) {
        try {
            if (at + END_MARK_BYTES <= mapped.capacity()) mapped.putLong((int) at, 0L);
            if (channel.size() > mapped.capacity()) channel.truncate(Math.max(at, mapped.capacity()));
        } catch (IOException | InternalError e) {
            log.error("cannot mark the end of the message journal segment {} after a failed write", path.getFileName(), e);
        }
    }

    /** Closes the file; its mapping stays until the collector frees it. */
    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("closing the message journal segment {} failed", path.getFileName(), e);
        }
    }
}
