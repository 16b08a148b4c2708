package dev.switchboard.jdbc;

import dev.switchboard.conversation.Message;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up of the embedded database's {@link MessageJournal}: the records after the position the
 * database last applied are messages that were acknowledged but had not reached H2's file when the
 * process ended; they are stored again, in journal order, and then a checkpoint lets the journal
 * start afresh.
 */
final class JournalReplay {
    private static final Logger log = LoggerFactory.getLogger(JournalReplay.class);
    private static final int PER_TRANSACTION = 1_000;

    private final Jdbc jdbc;
    private final long applied;
    private final List<MessageJournal.Entry> pending = new ArrayList<>();
    private long replayed;
    private long skipped;

    private JournalReplay(Jdbc jdbc, long applied) {
        this.jdbc = jdbc;
        this.applied = applied;
    }

    /** Opens the journal in {@code dir}, stores what the database lacks, and returns the journal ready to write. */
    static MessageJournal open(Jdbc jdbc, Path dir) {
        JournalReplay replay = new JournalReplay(jdbc, appliedPosition(jdbc));
        MessageJournal journal = MessageJournal.open(dir, replay.applied + 1, replay::read);
        try {
            replay.flush();
            if (replay.replayed + replay.skipped > 0) {
                log.info("message journal: {} acknowledged messages stored again after an unclean stop ({} already there)",
                        replay.replayed, replay.skipped);
            }
            jdbc.checkpoint();
            journal.checkpointed();
            return journal;
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    private void read(MessageJournal.Entry entry) {
        if (entry.position() <= applied) return;
        pending.add(entry);
        if (pending.size() >= PER_TRANSACTION) flush();
    }

    private void flush() {
        if (pending.isEmpty()) return;
        long last = pending.getLast().position();
        int stored = jdbc.inTransaction(c -> {
            int count = 0;
            for (MessageJournal.Entry entry : pending) {
                Message m = entry.message();
                if (AppliedMessages.storeAgain(c, m)) count++;
            }
            try (PreparedStatement ps = c.prepareStatement(AppliedMessages.APPLIED)) {
                ps.setLong(1, last);
                ps.executeUpdate();
            }
            return count;
        });
        replayed += stored;
        skipped += pending.size() - stored;
        pending.clear();
    }

    private static long appliedPosition(Jdbc jdbc) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT applied_position FROM message_journal WHERE id = 1");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }
}
