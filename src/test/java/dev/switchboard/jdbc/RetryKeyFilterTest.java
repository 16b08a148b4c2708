package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.jdbc.WaitingMessages.RetryKey;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryKeyFilterTest {
    private static RetryKey key(int conversation, int sender, String clientKey) {
        return new RetryKey(new ConversationId("conv-" + conversation), "user-" + sender, clientKey);
    }

    private static RetryKeyFilter filledWith(int keys) {
        RetryKeyFilter filter = new RetryKeyFilter();
        RetryKeyFilter.Bits bits = filter.grow(keys);
        for (int i = 0; i < keys; i++) {
            RetryKeyFilter.fill(bits, "conv-" + (i % 1000), "user-" + (i % 7), "k" + i);
        }
        filter.filled(bits);
        return filter;
    }

    @Test
    void beforeItIsFilledEveryKeyMayHaveBeenStored() {
        RetryKeyFilter filter = new RetryKeyFilter();
        filter.grow(10);
        filter.add(key(1, 1, "a"));

        assertThat(filter.isReady()).isFalse();
        assertThat(filter.mightContain(key(2, 2, "never-seen"))).isTrue();
    }

    @Test
    void everyFilledKeyIsKnownAndFewOthersAreMistakenForOneEvenAtCapacity() {
        RetryKeyFilter filter = new RetryKeyFilter();
        RetryKeyFilter.Bits bits = filter.grow(200_000);
        int keys = (int) bits.capacity(); // as full as it gets before the owner grows it
        for (int i = 0; i < keys; i++) {
            RetryKeyFilter.fill(bits, "conv-" + (i % 1000), "user-" + (i % 7), "k" + i);
        }
        filter.filled(bits);

        assertThat(IntStream.range(0, keys).allMatch(i -> filter.mightContain(key(i % 1000, i % 7, "k" + i)))).isTrue();
        long mistaken = IntStream.range(0, 200_000).filter(i -> filter.mightContain(key(i % 1000, i % 7, "other-" + i))).count();
        assertThat(mistaken).as("false positives among 200,000 new keys, %d keys filled (~0.05 %% expected)", keys).isLessThan(200);
    }

    @Test
    void theSameCharactersSplitDifferentlyBetweenTheFieldsAreDifferentKeys() {
        assertThat(RetryKeyFilter.hash("ab", "c", "d")).isNotEqualTo(RetryKeyFilter.hash("a", "bc", "d"));
        assertThat(RetryKeyFilter.hash("a", "b", "cd")).isNotEqualTo(RetryKeyFilter.hash("a", "bc", "d"));
    }

    @Test
    void keysAddedWhileTheFilterFillsAreKnownOnceItAnswers() {
        RetryKeyFilter filter = new RetryKeyFilter();
        RetryKeyFilter.Bits bits = filter.grow(1_000);
        filter.add(key(1, 1, "sent-during-the-scan"));
        RetryKeyFilter.fill(bits, "conv-2", "user-2", "stored-before");
        filter.filled(bits);

        assertThat(filter.mightContain(key(1, 1, "sent-during-the-scan"))).isTrue();
        assertThat(filter.mightContain(key(2, 2, "stored-before"))).isTrue();
        assertThat(filter.mightContain(key(3, 3, "neither"))).isFalse();
    }

    @Test
    void pastItsCapacityItAsksToGrowAndTheOldBitsAnswerUntilTheLargerOnesAreFilled() {
        RetryKeyFilter filter = filledWith(1_000);
        long capacity = RetryKeyFilter.MIN_CAPACITY;
        int added = 0;
        while (!filter.needsToGrow()) filter.add(key(added % 50, 1, "added-" + added++));
        assertThat((long) added).isGreaterThan(capacity - 1_000);

        RetryKeyFilter.Bits larger = filter.grow(0);
        assertThat(larger.capacity()).isGreaterThanOrEqualTo(2 * capacity);
        assertThat(filter.needsToGrow()).as("not while one grows").isFalse();
        filter.add(key(7, 7, "while-growing"));
        assertThat(filter.mightContain(key(7, 7, "while-growing"))).as("the old bits learn it too").isTrue();
        assertThat(filter.mightContain(key(0, 0, "k0"))).isTrue();

        RetryKeyFilter.fill(larger, "conv-0", "user-0", "k0"); // what a scan of the database would find
        filter.filled(larger);

        assertThat(filter.mightContain(key(7, 7, "while-growing"))).isTrue();
        assertThat(filter.mightContain(key(0, 0, "k0"))).isTrue();
        assertThat(filter.needsToGrow()).isFalse();
    }

    @Test
    void anAbandonedFillLeavesTheFilterAnsweringAsBeforeAndFreeToGrowAgain() {
        RetryKeyFilter filter = new RetryKeyFilter();
        RetryKeyFilter.Bits bits = filter.grow(10);
        filter.abandon(bits);
        filter.filled(bits); // a late completion of the abandoned fill changes nothing

        assertThat(filter.isReady()).isFalse();
        assertThat(filter.mightContain(key(1, 1, "x"))).isTrue();
        RetryKeyFilter.Bits again = filter.grow(10);
        filter.filled(again);
        assertThat(filter.isReady()).isTrue();
    }
}
