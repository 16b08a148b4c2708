package dev.switchboard.jdbc;

import dev.switchboard.conversation.Message;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up of the embedded database's {@link MessageJournal}: the records after the position the
 * database last applied are messages that were acknowledged but had not reached the files when the
 * process ended; they are stored again, in journal order, and then a checkpoint lets the journal start
 * afresh. Where messages live in the {@link RocksMessageStore}, H2 (the conversations' last seqs, the
 * support chats' counters) and the store each know their own applied position, and each gets what it
 * lacks.
 */
final class JournalReplay {
    private static final Logger log = LoggerFactory.getLogger(JournalReplay.class);
    private static final int PER_TRANSACTION = 1_000;

    private final Jdbc jdbc;
    private final RocksMessageStore store;
    private final long appliedInH2;
    private final long appliedInStore;
    private final List<MessageJournal.Entry> pending = new ArrayList<>();
    private long replayed;
    private long skipped;

    private JournalReplay(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.store = jdbc.messageStore();
        this.appliedInH2 = jdbc.readNow(AppliedMessages::appliedPosition);
        this.appliedInStore = store == null ? appliedInH2 : store.appliedPosition();
    }

    /** Opens the journal in {@code dir}, stores what the database lacks, and returns the journal ready to write. */
    static MessageJournal open(Jdbc jdbc, Path dir) {
        JournalReplay replay = new JournalReplay(jdbc);
        MessageJournal journal = MessageJournal.open(dir, Math.min(replay.appliedInH2, replay.appliedInStore) + 1,
                replay::read);
        try {
            replay.flush();
            if (replay.replayed + replay.skipped > 0) {
                log.info("message journal: {} acknowledged messages stored again after an unclean stop ({} already there)",
                        replay.replayed, replay.skipped);
            }
            jdbc.checkpointWithMessages();
            journal.checkpointed();
            return journal;
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    private void read(MessageJournal.Entry entry) {
        if (entry.position() <= Math.min(appliedInH2, appliedInStore)) return;
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
                if (store == null) {
                    if (AppliedMessages.storeAgain(c, m)) count++;
                    continue;
                }
                // H2 first: it says whether the conversation exists (the store is idempotent if this is retried)
                boolean effects = entry.position() <= appliedInH2 || AppliedMessages.storeEffects(c, m);
                if (effects && entry.position() > appliedInStore && store.storeIfAbsent(m, entry.position())) count++;
            }
            if (last > appliedInH2) {
                try (PreparedStatement ps = c.prepareStatement(AppliedMessages.APPLIED)) {
                    ps.setLong(1, last);
                    ps.executeUpdate();
                }
            }
            return count;
        });
        replayed += stored;
        skipped += pending.size() - stored;
        pending.clear();
    }
}
