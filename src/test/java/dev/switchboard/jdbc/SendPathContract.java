package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationType;
import dev.switchboard.conversation.SendResult;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The send path's shortcuts (issue 3) keep every rule: what the service remembers about conversations
 * never lets an outsider in, and role changes count from the next send on.
 */
abstract class SendPathContract extends ConversationContractBase {

    @Test
    void aRememberedConversationStillRefusesOutsiders() {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);
        ConversationId id = service.sendDirect(customer, agent, "hello", null).message().conversationId();
        service.send(agent, id, "hi", null);

        assertFails(ErrorCode.NOT_PARTICIPANT, () -> service.send(user(Role.AGENT), id, "let me in", null));
        assertFails(ErrorCode.CONVERSATION_NOT_FOUND, () -> service.send(customer, ConversationId.random(), "?", null));
    }

    @Test
    void aRoleChangeDecidesTheNextDirectSend() {
        UserId customer = user(Role.CUSTOMER);
        UserId person = user(Role.AGENT);
        SendResult toAgent = service.sendDirect(customer, person, "help", null);

        // The host application now says this person is a seller: the pair's next message belongs to
        // a customer–seller conversation, not to the support one remembered from the first send.
        users.upsertExternal(person, Role.SELLER, "Now a seller", null, UserStatus.ACTIVE);
        SendResult toSeller = service.sendDirect(customer, person, "is it in stock?", null);

        assertThat(toSeller.message().conversationId()).isNotEqualTo(toAgent.message().conversationId());
        assertThat(service.get(customer, toSeller.message().conversationId()).type())
                .isEqualTo(ConversationType.CUSTOMER_SELLER);

        users.upsertExternal(person, Role.CUSTOMER, "Now a customer", null, UserStatus.ACTIVE);
        assertFails(ErrorCode.FORBIDDEN, () -> service.sendDirect(customer, person, "still there?", null));
    }

    @Test
    void aDirectSendToAnUnknownUserFailsAndStoresNothing() {
        UserId customer = user(Role.CUSTOMER);

        assertFails(ErrorCode.USER_NOT_FOUND, () -> service.sendDirect(customer, new UserId("ghost"), "boo", null));
        assertThat(service.listForUser(customer, null, 10).items()).isEmpty();
    }

    @Test
    void directSendsAndGetOrCreateAgreeOnTheConversationWhicheverComesFirst() {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);

        SendResult first = service.sendDirect(agent, customer, "how can I help?", null);
        ConversationId viaCreate = service.getOrCreateDirect(customer, agent, Optional.empty()).id();
        SendResult second = service.sendDirect(customer, agent, "my order", null);

        assertThat(viaCreate).isEqualTo(first.message().conversationId()).isEqualTo(second.message().conversationId());
        assertThat(second.message().seq()).isEqualTo(2);
        assertThat(second.recipients()).containsExactly(agent);
    }

    @Test
    void aRetryRefusedByTheClientKeyLeavesNoGapInTheSeqs() {
        UserId customer = user(Role.CUSTOMER);
        UserId agent = user(Role.AGENT);
        SendResult original = service.sendDirect(customer, agent, "first", "k-1");

        SendResult retry = service.sendDirect(customer, agent, "first", "k-1");
        SendResult next = service.sendDirect(customer, agent, "second", "k-2");

        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.message()).isEqualTo(original.message());
        assertThat(next.message().seq()).isEqualTo(2);
        assertThat(service.get(customer, next.message().conversationId()).lastSeq()).isEqualTo(2);
    }
}
