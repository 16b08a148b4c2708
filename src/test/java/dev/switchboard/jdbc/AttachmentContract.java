package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.conversation.AttachmentRef;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.Message;
import dev.switchboard.conversation.MessageKind;
import dev.switchboard.conversation.Visibility;
import dev.switchboard.files.LocalAttachmentStorage;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.User;
import dev.switchboard.support.Attachment;
import dev.switchboard.support.AttachmentService;
import dev.switchboard.support.SupportChatService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Attachments through {@link AttachmentService} on {@link JdbcAttachmentStore} and local disk. */
abstract class AttachmentContract extends ConversationContractBase {
    SupportChatService support;
    AttachmentService attachments;
    Path files;

    @BeforeAll
    void openAttachments() throws IOException {
        files = Files.createTempDirectory("switchboard-files-");
        TickingClock clock = new TickingClock(Instant.parse("2025-03-05T09:00:00Z"));
        support = new SupportChatService(new JdbcSupportChatStore(db.database()), users, service, clock);
        attachments = new AttachmentService(new JdbcAttachmentStore(db.database()), new LocalAttachmentStorage(files),
                service, clock, 100, List.of("image/png", "text/plain"));
    }

    @AfterAll
    void removeFiles() {
        dev.switchboard.testing.TestServer.deleteRecursively(files);
    }

    record Desk(User customer, User agent, ConversationId id) {}

    Desk desk() {
        User customer = users.findById(user(Role.CUSTOMER)).orElseThrow();
        User agent = users.findById(user(Role.AGENT)).orElseThrow();
        ConversationId id = support.openForQueue(customer.id(), "", null, null).id();
        support.assign(agent.id(), id, agent.id());
        return new Desk(customer, agent, id);
    }

    Message sendWith(User me, ConversationId id, Visibility visibility, Attachment a) {
        List<AttachmentRef> refs = attachments.prepare(me, id, List.of(a.id()));
        Message m = service.send(me.id(), id, "file", null, MessageKind.FILE, visibility).message();
        return attachments.link(me, m, refs);
    }

    @Test
    void anUploadIsStoredAndReadBackWithItsMetadataAndReachesTheHistory() {
        Desk d = desk();
        Attachment a = attachments.upload(d.customer(), d.id(), "C:\\Users\\cora\\notes.txt", "Text/Plain; charset=utf-8",
                "hello".getBytes());

        assertThat(a.fileName()).isEqualTo("notes.txt");
        assertThat(a.contentType()).isEqualTo("text/plain");
        assertThat(a.size()).isEqualTo(5);
        Message sent = sendWith(d.customer(), d.id(), Visibility.ALL, a);
        assertThat(sent.attachments()).extracting(AttachmentRef::id).containsExactly(a.id());
        assertThat(service.history(d.agent().id(), d.id(), null, 10).messages().getFirst().attachments())
                .containsExactly(a.ref());
        assertThat(attachments.download(d.agent(), a.id()).bytes()).isEqualTo("hello".getBytes());
    }

    @Test
    void limitsAreCheckedBeforeAnythingIsStored() throws IOException {
        Desk d = desk();
        long before;
        try (var list = Files.list(files)) {
            before = list.count();
        }

        assertFails(ErrorCode.PAYLOAD_TOO_LARGE, () -> attachments.upload(d.customer(), d.id(), "a.txt", "text/plain",
                new byte[101]));
        assertFails(ErrorCode.UNSUPPORTED_MEDIA_TYPE, () -> attachments.upload(d.customer(), d.id(), "a.svg",
                "image/svg+xml", "<svg/>".getBytes()));
        assertFails(ErrorCode.NOT_PARTICIPANT, () -> attachments.upload(
                users.findById(user(Role.CUSTOMER)).orElseThrow(), d.id(), "a.txt", "text/plain", "x".getBytes()));
        try (var list = Files.list(files)) {
            assertThat(list.count()).isEqualTo(before);
        }
    }

    @Test
    void aNotesFileIsHiddenFromTheCustomerAndAnUnsentFileFromEveryoneButItsUploader() {
        Desk d = desk();
        Attachment secret = attachments.upload(d.agent(), d.id(), "secret.png", "image/png", new byte[] {1, 2});
        assertFails(ErrorCode.NOT_FOUND, () -> attachments.download(d.customer(), secret.id()));
        assertThat(attachments.download(d.agent(), secret.id()).bytes()).containsExactly(1, 2);

        sendWith(d.agent(), d.id(), Visibility.STAFF, secret);

        assertFails(ErrorCode.NOT_FOUND, () -> attachments.download(d.customer(), secret.id()));
        assertThat(attachments.download(d.agent(), secret.id()).attachment().messageId()).isNotNull();
    }

    @Test
    void aFileGoesWithOneMessageOnlyEvenWhenTwoSendsRaceForIt() {
        Desk d = desk();
        Attachment a = attachments.upload(d.customer(), d.id(), "a.png", "image/png", new byte[] {7});
        List<AttachmentRef> first = attachments.prepare(d.customer(), d.id(), List.of(a.id()));
        List<AttachmentRef> second = attachments.prepare(d.customer(), d.id(), List.of(a.id()));
        Message m1 = service.send(d.customer().id(), d.id(), "one", null).message();
        Message m2 = service.send(d.customer().id(), d.id(), "two", null).message();

        assertThat(attachments.link(d.customer(), m1, first).attachments()).hasSize(1);
        assertThat(attachments.link(d.customer(), m2, second).attachments()).isEmpty();
        assertFails(ErrorCode.NOT_FOUND, () -> attachments.prepare(d.customer(), d.id(), List.of(a.id())));
        assertFails(ErrorCode.NOT_FOUND, () -> attachments.prepare(d.agent(), d.id(), List.of("nope")));
    }

    @Test
    void localStorageRefusesKeysThatCouldLeaveItsDirectory() {
        LocalAttachmentStorage storage = new LocalAttachmentStorage(files);
        for (String key : List.of("../x", "a/b", "..", "", "a b")) {
            assertThatThrownBy(() -> storage.write(key, new byte[] {1})).isInstanceOf(IllegalArgumentException.class);
        }
        assertFails(ErrorCode.NOT_FOUND, () -> storage.read("missing"));
    }
}
