package dev.switchboard.jdbc;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.Message;
import dev.switchboard.conversation.MessageId;
import dev.switchboard.conversation.MessageKind;
import dev.switchboard.conversation.Visibility;
import dev.switchboard.identity.UserId;
import dev.switchboard.jdbc.MessageJournal.Entry;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@link MessageJournal} segment back when the journal opens: its records in order, up to the
 * end mark (a record of length 0), a short or damaged record (a crash's torn end, cut off here), or a
 * record whose position is not after the one before (what a recycled file held in its earlier use).
 */
final class JournalReader {
    private static final Logger log = LoggerFactory.getLogger(JournalReader.class);

    private JournalReader() {}

    /** Gives {@code read} the segment's records (its first position {@code first}); returns the position after them. */
    static long readSegment(Path file, long first, Consumer<Entry> read) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(all);
        long next = first;
        CRC32C check = new CRC32C();
        boolean ended = false; // at the end mark: what follows is zeros or an earlier use's
        while (in.remaining() >= MessageJournal.HEADER_BYTES) {
            int start = in.position();
            int length = in.getInt();
            int sum = in.getInt();
            ended = length == 0 && sum == 0;
            if (length <= 0 || length > MessageJournal.MAX_RECORD_BYTES || length > in.remaining()) {
                in.position(start);
                break;
            }
            check.reset();
            check.update(all, in.position(), length);
            if ((int) check.getValue() != sum) {
                in.position(start);
                break;
            }
            Entry entry = decode(ByteBuffer.wrap(all, in.position(), length));
            if (entry.position() < next) { // an earlier use of a recycled file
                in.position(start);
                break;
            }
            in.position(in.position() + length);
            read.accept(entry);
            next = entry.position() + 1;
        }
        if (in.hasRemaining() && !ended) {
            log.warn("message journal {}: {} bytes after the last whole record cut off (the end of a crash)",
                    file.getFileName(), in.remaining());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(in.position());
            }
        }
        return next;
    }

    private static Entry decode(ByteBuffer in) throws IOException {
        DataInputStream data = new DataInputStream(new ByteArrayInputStream(
                in.array(), in.position(), in.remaining()));
        byte format = data.readByte();
        if (format != MessageJournal.FORMAT) throw new IOException("unknown journal record format " + format);
        long position = data.readLong();
        MessageId id = new MessageId(readString(data));
        ConversationId conversation = new ConversationId(readString(data));
        long seq = data.readLong();
        UserId sender = new UserId(readString(data));
        String text = readString(data);
        MessageKind kind = MessageKind.fromWire(readString(data));
        String clientKey = readString(data);
        Instant createdAt = Instant.ofEpochSecond(data.readLong(), data.readInt());
        Visibility visibility = Visibility.fromWire(readString(data));
        return new Entry(position, new Message(id, conversation, seq, sender, text, kind, clientKey, createdAt, null,
                visibility, null));
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) return null;
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) throw new IOException("journal record ends inside a string");
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
