package dev.switchboard.conversation;

import dev.switchboard.common.SwitchboardException;
import dev.switchboard.identity.Role;
import java.util.Optional;

/**
 * The conversation types of seed 001. Each admits exactly one pairing of role groups, so for two
 * roles at most one type fits; customers never talk to customers, nor sellers to sellers.
 */
public enum ConversationType {
    /** A customer and support staff (agent, admin or manager). */
    CUSTOMER_SUPPORT("customer_support"),
    /** A customer and a seller (product inquiries). */
    CUSTOMER_SELLER("customer_seller"),
    /** A seller and support staff. */
    SELLER_SUPPORT("seller_support"),
    /** Support staff among themselves. */
    INTERNAL("internal");

    private final String wire;

    ConversationType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static ConversationType fromWire(String name) {
        for (ConversationType type : values()) {
            if (type.wire.equalsIgnoreCase(name == null ? "" : name.trim())) return type;
        }
        throw SwitchboardException.invalid("unknown conversation type: " + name);
    }

    /** Whether users with these roles, in either order, may hold a conversation of this type. */
    public boolean allows(Role a, Role b) {
        return inferFor(a, b).filter(this::equals).isPresent();
    }

    /** The one type that fits two roles (in either order), or empty when they may not talk. */
    public static Optional<ConversationType> inferFor(Role a, Role b) {
        Group x = Group.of(a);
        Group y = Group.of(b);
        if (x == Group.STAFF && y == Group.STAFF) return Optional.of(INTERNAL);
        if (x == y) return Optional.empty();
        if (x != Group.STAFF && y != Group.STAFF) return Optional.of(CUSTOMER_SELLER);
        return Optional.of(x == Group.CUSTOMER || y == Group.CUSTOMER ? CUSTOMER_SUPPORT : SELLER_SUPPORT);
    }

    private enum Group {
        CUSTOMER, SELLER, STAFF;

        static Group of(Role role) {
            return switch (role) {
                case CUSTOMER -> CUSTOMER;
                case SELLER -> SELLER;
                case AGENT, ADMIN, MANAGER -> STAFF;
            };
        }
    }
}
