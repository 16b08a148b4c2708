package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.Page;
import dev.switchboard.conversation.Conversation;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationSummary;
import dev.switchboard.conversation.ConversationType;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Conversations through {@link dev.switchboard.conversation.ConversationService}: creation, access, lists. */
abstract class ConversationServiceContract extends ConversationContractBase {

    @Test
    void bothSidesGetTheSameConversationWithTheTypeTheirRolesImply() {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);

        Conversation fromCustomer = service.getOrCreateDirect(customer, agent, Optional.empty());
        Conversation fromAgent = service.getOrCreateDirect(agent, customer, Optional.of(ConversationType.CUSTOMER_SUPPORT));

        assertThat(fromAgent).isEqualTo(fromCustomer);
        assertThat(fromCustomer.type()).isEqualTo(ConversationType.CUSTOMER_SUPPORT);
        assertThat(fromCustomer.participants()).containsExactlyInAnyOrder(customer, agent);
        assertThat(fromCustomer.lastSeq()).isZero();
        assertThat(service.get(agent, fromCustomer.id())).isEqualTo(fromCustomer);
    }

    @Test
    void eachRolePairingGetsItsSeedType() {
        assertThat(typeBetween(Role.CUSTOMER, Role.SELLER)).isEqualTo(ConversationType.CUSTOMER_SELLER);
        assertThat(typeBetween(Role.SELLER, Role.ADMIN)).isEqualTo(ConversationType.SELLER_SUPPORT);
        assertThat(typeBetween(Role.MANAGER, Role.ADMIN)).isEqualTo(ConversationType.INTERNAL);
        assertThat(typeBetween(Role.MANAGER, Role.CUSTOMER)).isEqualTo(ConversationType.CUSTOMER_SUPPORT);
    }

    @Test
    void aTypeTheRolesDoNotAllowIsForbiddenAndCreatesNothing() {
        UserId customer = user(Role.CUSTOMER);
        UserId seller = user(Role.SELLER);

        assertFails(ErrorCode.FORBIDDEN,
                () -> service.getOrCreateDirect(customer, seller, Optional.of(ConversationType.INTERNAL)));
        assertFails(ErrorCode.FORBIDDEN, () -> service.getOrCreateDirect(customer, user(Role.CUSTOMER), Optional.empty()));
        assertThat(service.listForUser(customer, null, 10).items()).isEmpty();
    }

    @Test
    void talkingToYourselfOrToNobodyIsRejected() {
        UserId agent = user(Role.AGENT);

        assertFails(ErrorCode.VALIDATION_FAILED, () -> service.getOrCreateDirect(agent, agent, Optional.empty()));
        assertFails(ErrorCode.USER_NOT_FOUND,
                () -> service.getOrCreateDirect(agent, new UserId("nobody-" + agent.value()), Optional.empty()));
        assertThat(service.listForUser(agent, null, 10).items()).isEmpty();
    }

    @Test
    void manyConcurrentGetOrCreateCallsYieldOneConversation() throws Exception {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);
        int[] turn = {0};

        List<Conversation> results = concurrently(8, 32, () -> {
            boolean flip;
            synchronized (turn) {
                flip = turn[0]++ % 2 == 0;
            }
            return flip ? service.getOrCreateDirect(customer, agent, Optional.empty())
                    : service.getOrCreateDirect(agent, customer, Optional.empty());
        });

        assertThat(results).extracting(Conversation::id).containsOnly(results.getFirst().id());
        assertThat(service.listForUser(customer, null, 10).items()).hasSize(1);
    }

    @Test
    void outsidersCannotSeeReadWriteOrMarkAConversation() {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);
        UserId outsider = user(Role.ADMIN);
        ConversationId id = service.getOrCreateDirect(customer, agent, Optional.empty()).id();
        service.send(customer, id, "private", null);

        assertThat(service.isParticipant(outsider, id)).isFalse();
        assertThat(service.isParticipant(customer, id)).isTrue();
        assertFails(ErrorCode.NOT_PARTICIPANT, () -> service.get(outsider, id));
        assertFails(ErrorCode.NOT_PARTICIPANT, () -> service.send(outsider, id, "hi", null));
        assertFails(ErrorCode.NOT_PARTICIPANT, () -> service.history(outsider, id, null, 10));
        assertFails(ErrorCode.NOT_PARTICIPANT, () -> service.after(outsider, id, 0, 10));
        assertFails(ErrorCode.NOT_PARTICIPANT, () -> service.markRead(outsider, id, null));
        assertThat(service.history(customer, id, null, 10).messages()).hasSize(1);
    }

    @Test
    void unknownConversationIsNotFound() {
        UserId agent = user(Role.AGENT);
        ConversationId unknown = ConversationId.random();

        assertFails(ErrorCode.CONVERSATION_NOT_FOUND, () -> service.get(agent, unknown));
        assertFails(ErrorCode.CONVERSATION_NOT_FOUND, () -> service.send(agent, unknown, "hi", null));
        assertFails(ErrorCode.CONVERSATION_NOT_FOUND, () -> service.markRead(agent, unknown, null));
        assertThat(service.isParticipant(agent, unknown)).isFalse();
    }

    @Test
    void listShowsLatestActivityFirstWithOthersLastMessageAndUnreadCount() {
        UserId agent = user(Role.AGENT);
        UserId ann = user(Role.CUSTOMER);
        UserId bob = user(Role.CUSTOMER);
        UserId manager = user(Role.MANAGER);
        ConversationId withAnn = service.getOrCreateDirect(agent, ann, Optional.empty()).id();
        ConversationId withBob = service.getOrCreateDirect(agent, bob, Optional.empty()).id();
        ConversationId withManager = service.getOrCreateDirect(manager, agent, Optional.empty()).id();
        service.send(ann, withAnn, "first from Ann", null);
        service.send(bob, withBob, "from Bob", null);
        service.send(ann, withAnn, "second from Ann", null);

        List<ConversationSummary> list = service.listForUser(agent, null, 10).items();

        assertThat(list).extracting(s -> s.conversation().id()).containsExactly(withAnn, withBob, withManager);
        ConversationSummary top = list.getFirst();
        assertThat(top.others()).extracting(User::id).containsExactly(ann);
        assertThat(top.others().getFirst().role()).isEqualTo(Role.CUSTOMER);
        assertThat(top.lastMessage().text()).isEqualTo("second from Ann");
        assertThat(top.unreadCount()).isEqualTo(2);
        assertThat(top.conversation().participants()).containsExactlyInAnyOrder(agent, ann);
        assertThat(list.get(2).lastMessage()).isNull();
        assertThat(list.get(2).unreadCount()).isZero();
        assertThat(service.listForUser(ann, null, 10).items().getFirst().unreadCount()).isZero();
    }

    @Test
    void listPagesWithACursorWithoutSkippingOrRepeating() {
        UserId agent = user(Role.AGENT);
        List<ConversationId> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) created.add(service.getOrCreateDirect(agent, user(Role.CUSTOMER), Optional.empty()).id());

        List<ConversationId> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<ConversationSummary> page = service.listForUser(agent, cursor, 3);
            page.items().forEach(s -> seen.add(s.conversation().id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created.reversed());
    }

    @Test
    void aGarbledCursorOrNonPositiveLimitIsAValidationFailure() {
        UserId agent = user(Role.AGENT);

        assertFails(ErrorCode.VALIDATION_FAILED, () -> service.listForUser(agent, "not a cursor!", 10));
        assertFails(ErrorCode.VALIDATION_FAILED, () -> service.listForUser(agent, null, 0));
    }

    private ConversationType typeBetween(Role a, Role b) {
        return service.getOrCreateDirect(user(a), user(b), Optional.empty()).type();
    }
}
