package dev.switchboard.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.identity.Role;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConversationTypeTest {

    @Test
    void typeIsInferredFromRolesInEitherOrder() {
        assertInferred(Role.CUSTOMER, Role.SELLER, ConversationType.CUSTOMER_SELLER);
        assertInferred(Role.CUSTOMER, Role.AGENT, ConversationType.CUSTOMER_SUPPORT);
        assertInferred(Role.CUSTOMER, Role.ADMIN, ConversationType.CUSTOMER_SUPPORT);
        assertInferred(Role.CUSTOMER, Role.MANAGER, ConversationType.CUSTOMER_SUPPORT);
        assertInferred(Role.SELLER, Role.AGENT, ConversationType.SELLER_SUPPORT);
        assertInferred(Role.SELLER, Role.MANAGER, ConversationType.SELLER_SUPPORT);
        assertInferred(Role.ADMIN, Role.MANAGER, ConversationType.INTERNAL);
        assertInferred(Role.AGENT, Role.AGENT, ConversationType.INTERNAL);
    }

    @Test
    void customersWithCustomersAndSellersWithSellersHaveNoType() {
        assertThat(ConversationType.inferFor(Role.CUSTOMER, Role.CUSTOMER)).isEmpty();
        assertThat(ConversationType.inferFor(Role.SELLER, Role.SELLER)).isEmpty();
    }

    @Test
    void eachTypeAllowsOnlyItsOwnPairing() {
        for (Role a : Role.values()) {
            for (Role b : Role.values()) {
                Optional<ConversationType> inferred = ConversationType.inferFor(a, b);
                for (ConversationType type : ConversationType.values()) {
                    assertThat(type.allows(a, b)).as("%s allows %s-%s", type, a, b).isEqualTo(inferred.equals(Optional.of(type)));
                }
            }
        }
    }

    @Test
    void wireNamesRoundTrip() {
        assertThat(ConversationType.CUSTOMER_SUPPORT.wire()).isEqualTo("customer_support");
        for (ConversationType type : ConversationType.values()) {
            assertThat(ConversationType.fromWire(type.wire())).isEqualTo(type);
        }
    }

    private static void assertInferred(Role a, Role b, ConversationType expected) {
        assertThat(ConversationType.inferFor(a, b)).contains(expected);
        assertThat(ConversationType.inferFor(b, a)).contains(expected);
    }
}
