package dev.switchboard.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.identity.UserId;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DirectKeyTest {

    /** The slot a HashMap of {@code slots} slots (a power of two) puts a key with this hash code in. */
    private static int slot(int hash, int slots) {
        return (hash ^ (hash >>> 16)) & (slots - 1);
    }

    @Test
    void pairsOfIdsThatDifferInTheSamePlacesSpreadOverAHashTable() {
        Set<Integer> slots = new HashSet<>();
        for (int p = 0; p < 1000; p++) {
            DirectKey key = DirectKey.of(ConversationType.CUSTOMER_SUPPORT,
                    new UserId("bench-x-c" + p), new UserId("bench-x-a" + p));
            slots.add(slot(key.hashCode(), 2048));
        }
        // a random spread puts 1,000 keys into ~800 of 2,048 slots; the record's own hash used 202
        assertThat(slots).hasSizeGreaterThan(700);
    }

    @Test
    void theSameParticipantsInEitherOrderAreOneKeyAndAnotherTypeIsAnother() {
        UserId ann = new UserId("ann");
        UserId bob = new UserId("bob");
        DirectKey key = DirectKey.of(ConversationType.CUSTOMER_SUPPORT, ann, bob);
        assertThat(DirectKey.of(ConversationType.CUSTOMER_SUPPORT, bob, ann))
                .isEqualTo(key).hasSameHashCodeAs(key);
        assertThat(DirectKey.of(ConversationType.CUSTOMER_SELLER, ann, bob)).isNotEqualTo(key);
    }
}
