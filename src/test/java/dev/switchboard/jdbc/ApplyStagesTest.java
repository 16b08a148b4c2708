package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.Message;
import dev.switchboard.conversation.MessageId;
import dev.switchboard.conversation.MessageKind;
import dev.switchboard.identity.UserId;
import dev.switchboard.jdbc.WaitingMessages.Waiting;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which journaled messages are due for the applier, in which stage, and in what order they leave. */
class ApplyStagesTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final ApplyStages.Lingers LINGERS = new ApplyStages.Lingers(100 * MS, 1_000 * MS);

    @Test
    void messagesAreStoredAfterTheirLingerAndTheirEffectsAppliedAfterTheLongerOne() {
        ApplyStages stages = new ApplyStages(true, 3, 5);
        long t = System.nanoTime();
        stages.add(waiting(1, "c", t));
        stages.add(waiting(2, "c", t));

        assertThat(stages.due(t + 99 * MS, LINGERS, 0, false)).isNull();
        assertThat(stages.untilDue(t, LINGERS, Long.MAX_VALUE)).isEqualTo(100 * MS);
        ApplyStages.Batch store = stages.due(t + 100 * MS, LINGERS, 0, false);
        assertThat(store.stored()).isFalse();
        assertThat(store.messages()).extracting(Waiting::position).containsExactly(1L, 2L);

        long storedFrom = System.nanoTime();
        stages.stored(store.messages());
        long storedAt = System.nanoTime();
        assertThat(stages.size()).as("stored, still waiting for their effects").isEqualTo(2);
        assertThat(stages.unstored()).isZero();
        assertThat(stages.oldestPosition()).isEqualTo(1);
        assertThat(stages.due(storedFrom + 999 * MS, LINGERS, 0, false)).isNull();
        ApplyStages.Batch effects = stages.due(storedAt + 1_000 * MS, LINGERS, 0, false);
        assertThat(effects.stored()).isTrue();
        assertThat(effects.effects().messages()).isEqualTo(2);
        assertThat(effects.effects().conversations()).singleElement()
                .satisfies(c -> assertThat(c.lastSeq).as("one record for the conversation").isEqualTo(2));
        assertThat(stages.due(storedAt + 2_000 * MS, LINGERS, 2, false)).as("handed out, not confirmed: again")
                .extracting(ApplyStages.Batch::effects).isSameAs(effects.effects());

        stages.effectsApplied(effects.effects());
        assertThat(stages.size()).isZero();
        assertThat(stages.oldestPosition()).isEqualTo(Long.MAX_VALUE);
        assertThat(stages.newestPosition()).isEqualTo(-1);
        assertThatThrownBy(() -> stages.effectsApplied(effects.effects())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReaderAFullBatchOrClosingMakesAStageDueAtOnceStoringFirst() {
        ApplyStages stages = new ApplyStages(true, 3, 5);
        long t = System.nanoTime();
        for (long p = 1; p <= 4; p++) stages.add(waiting(p, p % 2 == 0 ? "even" : "odd", t));

        ApplyStages.Batch full = stages.due(t, LINGERS, 0, false);
        assertThat(full.messages()).as("a full batch, at most its size").extracting(Waiting::position)
                .containsExactly(1L, 2L, 3L);
        stages.stored(full.messages());
        assertThat(stages.due(t, LINGERS, 0, false)).isNull();

        ApplyStages.Batch forReader = stages.due(t, LINGERS, 4, false);
        assertThat(forReader.stored()).as("what is not stored goes first").isFalse();
        assertThat(forReader.messages()).extracting(Waiting::position).containsExactly(4L);
        stages.stored(forReader.messages());
        ApplyStages.Batch effects = stages.due(t, LINGERS, 4, false);
        assertThat(effects.stored()).isTrue();
        assertThat(effects.effects().messages()).isEqualTo(4);
        assertThat(effects.effects().firstPosition()).isEqualTo(1);
        assertThat(effects.effects().lastPosition()).isEqualTo(4);
        assertThat(effects.effects().conversations()).extracting(c -> c.id.value() + ":" + c.lastSeq + "/" + c.messages)
                .containsExactlyInAnyOrder("odd:3/2", "even:4/2");

        ApplyStages closing = new ApplyStages(true, 3, 5);
        closing.add(waiting(9, "c", t));
        assertThat(closing.due(t, LINGERS, 0, true).messages()).extracting(Waiting::position).containsExactly(9L);
    }

    @Test
    void effectsCoveringABatchOfMessagesAreDueAtOnce() {
        ApplyStages stages = new ApplyStages(true, 3, 5);
        long t = System.nanoTime();
        for (long p = 1; p <= 5; p++) stages.add(waiting(p, "c", t));
        stages.stored(stages.due(t, LINGERS, 0, false).messages());
        assertThat(stages.due(t, LINGERS, 0, false)).as("three of five").isNull();
        stages.stored(stages.due(t + 100 * MS, LINGERS, 0, false).messages());

        ApplyStages.Batch effects = stages.due(t + 100 * MS, LINGERS, 0, false);
        assertThat(effects.stored()).isTrue();
        assertThat(effects.effects().messages()).isEqualTo(5);
    }

    @Test
    void aCheckpointsHeadTakesEffectsBeforeMessagesToStoreAndNothingFromItsBoundaryOn() {
        ApplyStages stages = new ApplyStages(true, 3, 5);
        long t = System.nanoTime();
        for (long p = 1; p <= 4; p++) stages.add(waiting(p, "c", t));
        stages.stored(stages.head(2).messages());

        ApplyStages.Batch first = stages.head(3);
        assertThat(first.stored()).isTrue();
        assertThat(first.effects().lastPosition()).isEqualTo(1);
        stages.effectsApplied(first.effects());
        ApplyStages.Batch second = stages.head(3);
        assertThat(second.stored()).isFalse();
        assertThat(second.messages()).extracting(Waiting::position).containsExactly(2L);
        stages.stored(second.messages());
        stages.effectsApplied(stages.head(3).effects());
        assertThat(stages.head(3).isEmpty()).as("nothing before the boundary is left").isTrue();
        assertThat(stages.oldestPosition()).isEqualTo(3);
    }

    @Test
    void withOneStageStoredIsAppliedAndMessagesLeaveOnlyInJournalOrder() {
        ApplyStages stages = new ApplyStages(false, 3, 5);
        long t = System.nanoTime();
        Waiting one = waiting(1, "c", t);
        Waiting two = waiting(2, "c", t);
        stages.add(one);
        stages.add(two);

        assertThatThrownBy(() -> stages.applied(List.of(two))).isInstanceOf(IllegalStateException.class);
        stages.stored(List.of(one));
        assertThat(stages.size()).isEqualTo(1);
        assertThat(stages.oldestPosition()).isEqualTo(2);
    }

    private static Waiting waiting(long position, String conversation, long journaledNanos) {
        Instant at = Instant.parse("2026-12-03T09:00:00Z");
        Message m = new Message(MessageId.timeOrdered(at), new ConversationId(conversation), position, new UserId("u"), "m",
                MessageKind.TEXT, null, at, null);
        return new Waiting(position, m, journaledNanos, false);
    }
}
