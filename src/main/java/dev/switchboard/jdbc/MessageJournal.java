package dev.switchboard.jdbc;

import dev.switchboard.conversation.Message;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database's write-ahead log for new messages (decisions 0005, 0006). The send path
 * appends a batch here with one write before anyone is acknowledged, and H2 stores it behind
 * ({@link MessageWriteBehind}), its file written in the background ({@code WRITE_DELAY}); a crash loses
 * nothing acknowledged, as the records H2's file lacks are stored again at the next start
 * ({@link JournalReplay}).
 *
 * <p>Each record carries a position, one more than the last; the transaction that stores a batch
 * in H2 records its last position in {@code message_journal.applied_position}, so the database always knows
 * which records it holds. Files are segments named by their first position, written through a mapping
 * ({@link JournalSegment}); after a checkpoint has written H2's file, the segments of the records it
 * holds are deleted, but for one kept as the next segment's file. A record is
 * {@code [int length][int CRC32C][payload]}; reading ({@link JournalReader}) stops at the first short or
 * damaged record (the torn end of a crash), which is cut off before writing resumes, at a record of length
 * 0 (the end), and at a record whose position is not after the one before (what a recycled file held
 * before). One writer;
 * {@link #roll} and {@link #deleteBefore} are called by one other thread.
 */
final class MessageJournal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessageJournal.class);
    private static final String SUFFIX = ".journal";
    static final int HEADER_BYTES = 8;
    static final int MAX_RECORD_BYTES = 1 << 20;
    static final byte FORMAT = 1;
    /** The checkpoint's 16 MB of journal (MessageApplier) and room for the seconds until it starts a new segment. */
    private static final long SEGMENT_BYTES = 20L << 20;
    /**
     * The first segment after opening: small, as making a file of zeros takes 6-60 ms (on the path to the
     * first accepted connection); what it cannot hold goes to its file by write() until the first checkpoint.
     */
    private static final long FIRST_SEGMENT_BYTES = 1L << 20;
    private static final String SPARE = "recycled.spare";

    private final Path dir;
    private final Buffer buffer = new Buffer();
    private final DataOutputStream out = new DataOutputStream(buffer);
    private final CRC32C crc = new CRC32C();
    private volatile JournalSegment segment;
    private final List<JournalSegment> rolled = new ArrayList<>(); // guarded by this: older segments still open
    private JournalSegment spare; // guarded by this: a deleted segment's file, for the next one
    private final long segmentBytes;
    private long next;

    private MessageJournal(Path dir, long next, long segmentBytes) {
        this.dir = dir;
        this.next = next;
        this.segmentBytes = segmentBytes;
    }

    /** A record read back: its position and the message as stored. */
    record Entry(long position, Message message) {}

    /**
     * Opens the journal in {@code dir} (created if missing), reads every intact record and cuts off a
     * torn end. {@code read} receives the records in order; writing starts in a new segment after them,
     * at {@code minNext} at the least (the database may know of later positions than the files hold).
     */
    static MessageJournal open(Path dir, long minNext, Consumer<Entry> read) {
        return open(dir, minNext, read, SEGMENT_BYTES);
    }

    /** {@link #open} with segment files of {@code segmentBytes} mapped (tests write past them). */
    static MessageJournal open(Path dir, long minNext, Consumer<Entry> read, long segmentBytes) {
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(SPARE));
            long next = minNext;
            for (Path file : segments(dir)) {
                long first = firstPosition(file);
                next = Math.max(next, JournalReader.readSegment(file, first, read));
            }
            MessageJournal journal = new MessageJournal(dir, next, segmentBytes);
            journal.startSegment(Math.min(FIRST_SEGMENT_BYTES, segmentBytes));
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the message journal in " + dir, e);
        }
    }

    /** The position the next record gets. */
    long nextPosition() {
        return next;
    }

    /** Uses up {@code count} positions without writing them (a gap is read as nothing). */
    void skip(int count) {
        next += count;
    }

    /** Bytes written to the current segment: the work a crash would leave to replay. */
    long bytesInSegment() {
        return segment.bytes();
    }

    /**
     * Writes {@code messages} as records {@code nextPosition() ...} in one write. The positions are
     * used up even when writing fails, so that a later batch never reuses a position the database was
     * told about; after a failure the segment is cut back to its last whole record.
     */
    void append(List<Message> messages) {
        long first = next;
        next += messages.size();
        buffer.reset();
        try {
            for (int i = 0; i < messages.size(); i++) encode(first + i, messages.get(i));
            segment.write(buffer.array(), buffer.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the message journal", e);
        }
    }

    /**
     * Called after a checkpoint wrote everything committed so far into the database file: no record
     * written before is needed any more, so a new segment starts and every older one is deleted.
     */
    void checkpointed() {
        deleteBefore(roll());
    }

    /**
     * Starts a new segment, named by the next position, and returns that position; the older segments
     * stay until {@link #deleteBefore}.
     */
    long roll() {
        try {
            startSegment(segmentBytes);
            return next;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a new message journal segment", e);
        }
    }

    /**
     * Makes the spare segment file now unless one is kept, so that the next {@link #roll} only renames it:
     * making one writes its zeros (6-64 ms), which {@code roll}, called under the waiting list's lock,
     * should not.
     */
    synchronized void prepareSpare() {
        if (spare != null) return;
        try {
            spare = JournalSegment.create(dir.resolve(SPARE), segmentBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a spare message journal segment", e);
        }
    }

    /** Deletes the segments that hold only records before {@code position} (never the one being written). */
    void deleteBefore(long position) {
        try {
            Path current = segment.path();
            for (Path file : segments(dir)) {
                if (!file.equals(current) && firstPosition(file) < position) delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete old message journal segments", e);
        }
    }

    @Override
    public synchronized void close() {
        if (segment != null) segment.close();
        rolled.forEach(JournalSegment::close);
        rolled.clear();
        if (spare != null) {
            spare.close();
            try {
                Files.deleteIfExists(spare.path());
            } catch (IOException e) {
                log.warn("cannot delete the message journal's spare segment", e);
            }
            spare = null;
        }
    }

    /**
     * A new segment named by the next position (one of that name holds nothing after that position): the
     * current one renamed when it holds nothing, else the spare file, else a new file of {@code capacity}.
     */
    private synchronized void startSegment(long capacity) throws IOException {
        Path file = dir.resolve(String.format("%020d%s", next, SUFFIX));
        JournalSegment old = segment;
        if (old != null && old.bytes() == 0) {
            old.recycle(file);
            return;
        }
        JournalSegment reused = spare;
        spare = null;
        if (reused != null) {
            try {
                reused.recycle(file);
            } catch (IOException e) {
                reused.close(); // its file stays as the spare's name, deleted at the next opening
                throw e;
            }
        } else {
            reused = JournalSegment.create(file, capacity);
        }
        if (old != null) rolled.add(old);
        segment = reused;
    }

    /** Deletes a segment, or keeps its file as the spare when it is one of this journal's, full-sized, and none is kept. */
    private synchronized void delete(Path file) throws IOException {
        for (int i = 0; i < rolled.size(); i++) {
            JournalSegment s = rolled.get(i);
            if (!s.path().equals(file)) continue;
            rolled.remove(i);
            if (spare == null && s.capacity() >= segmentBytes) {
                try {
                    s.recycle(dir.resolve(SPARE));
                    spare = s;
                    return;
                } catch (IOException e) {
                    log.warn("cannot keep the message journal segment {} for reuse; deleting it", file.getFileName(), e);
                }
            }
            s.close();
            break;
        }
        Files.deleteIfExists(file);
    }

    private void encode(long position, Message m) throws IOException {
        int start = buffer.size();
        out.writeLong(0); // length and CRC, filled in below
        out.writeByte(FORMAT);
        out.writeLong(position);
        writeString(m.id().value());
        writeString(m.conversationId().value());
        out.writeLong(m.seq());
        writeString(m.senderId().value());
        writeString(m.text());
        writeString(m.kind().wire());
        writeString(m.clientKey());
        out.writeLong(m.createdAt().getEpochSecond());
        out.writeInt(m.createdAt().getNano());
        writeString(m.visibility().wire());
        out.flush();
        byte[] all = buffer.array();
        int payload = buffer.size() - start - HEADER_BYTES;
        crc.reset();
        crc.update(all, start + HEADER_BYTES, payload);
        ByteBuffer.wrap(all, start, HEADER_BYTES).putInt(payload).putInt((int) crc.getValue());
    }

    private void writeString(String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** A byte buffer whose array is read in place: the header is patched there, and written without a copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(16 * 1024);
        }

        byte[] array() {
            return buf;
        }
    }

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList());
        }
    }

    private static long firstPosition(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }
}
