package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.Message;
import dev.switchboard.conversation.MessageId;
import dev.switchboard.conversation.MessageKind;
import dev.switchboard.conversation.Visibility;
import dev.switchboard.identity.UserId;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The message journal's files: what is written is read back, a torn or damaged end is cut off, a recycled
 * file gives only its new records.
 */
class MessageJournalTest {
    @TempDir
    Path dir;

    @Test
    void recordsAreReadBackInOrderWithTheirPositionsAndEveryField() {
        Message note = new Message(MessageId.random(), new ConversationId("conv-1"), 7, new UserId("agent-1"),
                "ünïcödé note ✓", MessageKind.TEXT, null, Instant.parse("2026-12-02T04:00:00.123456789Z"), null,
                Visibility.STAFF, null);
        try (MessageJournal journal = MessageJournal.open(dir, 1, e -> {})) {
            journal.append(List.of(message(1), message(2)));
            journal.append(List.of(note));
        }

        List<MessageJournal.Entry> read = readAll(1);

        assertThat(read).extracting(MessageJournal.Entry::position).containsExactly(1L, 2L, 3L);
        assertThat(read).extracting(MessageJournal.Entry::message).containsExactly(message(1), message(2), note);
    }

    @Test
    void writingResumesAfterTheLastRecordReadWhenReopened() {
        try (MessageJournal journal = MessageJournal.open(dir, 1, e -> {})) {
            journal.append(List.of(message(1), message(2)));
        }
        try (MessageJournal journal = MessageJournal.open(dir, 1, e -> {})) {
            assertThat(journal.nextPosition()).isEqualTo(3);
            journal.append(List.of(message(3)));
        }

        assertThat(readAll(1)).extracting(MessageJournal.Entry::position).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aTornLastRecordIsCutOffAndItsPositionWrittenAgain() throws IOException {
        long whole;
        try (MessageJournal journal = MessageJournal.open(dir, 1, e -> {})) {
            journal.append(List.of(message(1), message(2)));
            whole = journal.bytesInSegment();
        }
        Path segment = onlySegment();
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(whole - 5);
            file.write(new byte[5]); // the crash hit the middle of record 2: its last bytes never arrived
        }

        List<MessageJournal.Entry> read = new ArrayList<>();
        try (MessageJournal journal = MessageJournal.open(dir, 1, read::add)) {
            assertThat(journal.nextPosition()).isEqualTo(2);
            journal.append(List.of(message(22)));
        }

        assertThat(read).extracting(MessageJournal.Entry::position).containsExactly(1L);
        assertThat(readAll(1)).extracting(e -> e.message().seq()).containsExactly(1L, 22L);
    }

    @Test
    void aDamagedRecordEndsReadingThere() throws IOException {
        long size;
        try (MessageJournal journal = MessageJournal.open(dir, 1, e -> {})) {
            journal.append(List.of(message(1), message(2), message(3)));
            size = journal.bytesInSegment();
        }
        Path segment = onlySegment();
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            long inSecond = size * 1 / 2;
            file.seek(inSecond);
            int b = file.read();
            file.seek(inSecond);
            file.write(b ^ 0x5a);
        }

        assertThat(readAll(1)).extracting(MessageJournal.Entry::position).containsExactly(1L);
    }

    @Test
    void afterACheckpointOnlyTheNewSegmentRemainsAndPositionsGoOn() {
        try (MessageJournal journal = MessageJournal.open(dir, 1, e -> {})) {
            journal.append(List.of(message(1), message(2)));
            journal.checkpointed();
            journal.append(List.of(message(3)));
        }

        assertThat(segments()).hasSize(1);
        assertThat(readAll(1)).extracting(MessageJournal.Entry::position).containsExactly(3L);
    }

    @Test
    void aRolledSegmentKeepsTheOlderRecordsUntilTheyAreDeletedUpToTheRollPosition() {
        try (MessageJournal journal = MessageJournal.open(dir, 1, e -> {})) {
            journal.append(List.of(message(1), message(2)));
            long boundary = journal.roll();
            journal.append(List.of(message(3)));

            assertThat(boundary).isEqualTo(3);
            assertThat(readAll(1)).extracting(MessageJournal.Entry::position).containsExactly(1L, 2L, 3L);

            journal.deleteBefore(boundary);
            journal.append(List.of(message(4)));
        }

        assertThat(readAll(1)).extracting(MessageJournal.Entry::position).containsExactly(3L, 4L);
    }

    @Test
    void theBytesCountedForASegmentAreItsRecordsUpToTheEndMarkAfterOpeningAndAfterARoll() throws IOException {
        try (MessageJournal journal = MessageJournal.open(dir, 1, e -> {})) {
            journal.append(List.of(message(1), message(2)));
            journal.append(List.of(message(3)));
            assertThat(journal.bytesInSegment()).isPositive().isEqualTo(recordBytes(segments().getLast()));

            journal.roll();
            assertThat(journal.bytesInSegment()).isZero();
            journal.append(List.of(message(4)));
            assertThat(journal.bytesInSegment()).isPositive().isEqualTo(recordBytes(segments().getLast()));
        }
        try (MessageJournal journal = MessageJournal.open(dir, 1, e -> {})) {
            assertThat(journal.bytesInSegment()).isZero();
            journal.append(List.of(message(5)));
            assertThat(journal.bytesInSegment()).isEqualTo(recordBytes(segments().getLast()));
        }
    }

    @Test
    void recordsPastTheMappedPartOfASegmentAreWrittenToItsFileAndReadBack() {
        try (MessageJournal journal = MessageJournal.open(dir, 1, e -> {}, 1024)) {
            for (int seq = 1; seq <= 20; seq++) journal.append(List.of(message(seq)));
            assertThat(journal.bytesInSegment()).isGreaterThan(1024);
        }

        assertThat(readAll(1)).extracting(e -> e.message().seq()).containsExactlyElementsOf(
                LongStream.rangeClosed(1, 20).boxed().toList());
    }

    @Test
    void aRecycledSegmentFileGivesOnlyItsNewRecordsEvenWithoutItsEndMark() throws IOException {
        Path reused;
        byte[] before;
        long written;
        try (MessageJournal journal = MessageJournal.open(dir, 1, e -> {}, 64 << 10)) { // the first segment full-sized
            journal.append(List.of(message(1), message(2), message(3), message(4), message(5)));
            journal.deleteBefore(journal.roll()); // segment 1's file becomes the spare
            journal.append(List.of(message(6)));
            before = Files.readAllBytes(dir.resolve("recycled.spare"));
            long boundary = journal.roll(); // the spare, renamed: records 1-5 still in it after the start
            reused = dir.resolve(String.format("%020d.journal", boundary));
            journal.append(List.of(message(7)));
            written = journal.bytesInSegment();
        }
        try (RandomAccessFile file = new RandomAccessFile(reused.toFile(), "rw")) {
            file.seek(written); // as if the crash came before the end mark: record 2 of the earlier use follows
            file.write(before, (int) written, 8);
        }

        assertThat(readAll(1)).extracting(MessageJournal.Entry::position).containsExactly(6L, 7L);
    }

    @Test
    void theFirstSegmentAfterOpeningIsSmallAndIsNotKeptForReuseWhileLaterOnesAre() throws IOException {
        long full = 4L << 20;
        try (MessageJournal journal = MessageJournal.open(dir, 1, e -> {}, full)) {
            journal.append(List.of(message(1)));
            Path first = segments().getFirst();
            assertThat(Files.size(first)).isEqualTo(1L << 20);

            journal.deleteBefore(journal.roll());
            assertThat(dir.resolve("recycled.spare")).doesNotExist();
            assertThat(segments()).hasSize(1);
            assertThat(Files.size(segments().getFirst())).isEqualTo(full);

            journal.append(List.of(message(2)));
            journal.deleteBefore(journal.roll());
            assertThat(Files.size(dir.resolve("recycled.spare"))).isEqualTo(full);
            journal.append(List.of(message(3)));
        }

        assertThat(readAll(1)).extracting(MessageJournal.Entry::position).containsExactly(3L);
    }

    @Test
    void checkpointsKeepAtMostTwoFilesBecauseTheDeletedSegmentsFileIsWrittenAgain() throws IOException {
        try (MessageJournal journal = MessageJournal.open(dir, 1, e -> {}, 64 << 10)) {
            journal.append(List.of(message(1), message(2), message(3))); // segment 1
            journal.checkpointed(); // segment 4 made; segment 1's file kept as the spare
            journal.append(List.of(message(4)));
            journal.checkpointed(); // segment 5 is segment 1's file, renamed: its old records still in it
            journal.append(List.of(message(5)));
            String current = new String(Files.readAllBytes(segments().getFirst()), StandardCharsets.ISO_8859_1);
            assertThat(segments()).extracting(p -> p.getFileName().toString())
                    .containsExactly(String.format("%020d.journal", 5), "recycled.spare");
            assertThat(current).contains("text 5").as("record 3 of the file's first use").contains("text 3");

            for (int seq = 6; seq <= 50; seq++) {
                journal.append(List.of(message(seq)));
                journal.checkpointed();
                assertThat(segments()).hasSizeLessThanOrEqualTo(2);
            }
        }

        assertThat(segments()).hasSize(1);
        assertThat(readAll(1)).isEmpty(); // everything before the last checkpoint is gone
    }

    @Test
    void writingAfterCloseFailsInsteadOfGoingToTheMapping() {
        MessageJournal journal = MessageJournal.open(dir, 1, e -> {});
        journal.close();

        assertThatThrownBy(() -> journal.append(List.of(message(1))))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(readAll(1)).isEmpty();
    }

    @Test
    void positionsStartAfterWhatTheDatabaseKnowsEvenWhenTheFilesAreGone() {
        try (MessageJournal journal = MessageJournal.open(dir, 501, e -> {})) {
            assertThat(journal.nextPosition()).isEqualTo(501);
            journal.skip(4);
            journal.append(List.of(message(1)));
        }

        assertThat(readAll(1)).extracting(MessageJournal.Entry::position).containsExactly(505L);
    }

    private List<MessageJournal.Entry> readAll(long minNext) {
        List<MessageJournal.Entry> read = new ArrayList<>();
        MessageJournal.open(dir, minNext, read::add).close();
        return read;
    }

    /** Walks a segment's records by their lengths to the end mark (a length of 0) and returns where it is. */
    private static long recordBytes(Path segment) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(segment));
        while (in.getInt(in.position()) != 0) in.position(in.position() + 8 + in.getInt(in.position()));
        assertThat(in.getLong(in.position())).isZero();
        return in.position();
    }

    private Path onlySegment() {
        List<Path> all = segments().stream().filter(p -> p.toFile().length() > 0).toList();
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    private List<Path> segments() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Message message(long seq) {
        return new Message(new MessageId("00000000-0000-7000-8000-" + String.format("%012d", seq)),
                new ConversationId("conv-1"), seq, new UserId("customer-1"), "text " + seq, MessageKind.TEXT,
                "key-" + seq, Instant.parse("2026-12-02T04:00:00Z").plusSeconds(seq), null);
    }
}
