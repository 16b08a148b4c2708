package dev.switchboard.e2e;

import static dev.switchboard.testing.SocketClient.array;
import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.identity.UserId;
import dev.switchboard.support.SupportChatService;
import dev.switchboard.testing.RestClient;
import dev.switchboard.testing.TestServer;
import java.util.Arrays;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Upload, send and download of files in a support chat, with their limits and who may fetch them. */
class AttachmentsTest extends CustomerAndAgentTest {
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
    RestClient rest;
    String chat;

    @BeforeEach
    void openAssignedChat() {
        rest = new RestClient(server.url());
        SupportChatService support = server.server().services().support();
        chat = support.openForQueue(new UserId(customer.id()), "", "Screenshot", null).id().value();
        support.assign(new UserId(agent.id()), new dev.switchboard.conversation.ConversationId(chat), new UserId(agent.id()));
    }

    RestClient.Response upload(TestServer.TestUser who, String type, String name, byte[] bytes) {
        return rest.send("POST", "/api/v1/chats/" + chat + "/attachments", who.token(), bytes,
                Map.of("Content-Type", type, "X-File-Name", name));
    }

    String uploaded(TestServer.TestUser who, String type, String name, byte[] bytes) {
        RestClient.Response r = upload(who, type, name, bytes);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.json().get("data").get("id").asText();
    }

    @Test
    void anUploadedImageIsSentWithAMessageAndDownloadedByTheOtherSideInline() throws Exception {
        RestClient.Response up = upload(customer, "image/png", "screen%20shot.png", PNG);
        assertThat(up.status()).isEqualTo(201);
        String id = up.json().get("data").get("id").asText();
        assertThat(up.json().get("data").get("fileName").asText()).isEqualTo("screen shot.png");
        assertThat(up.json().get("data").get("size").asLong()).isEqualTo(PNG.length);

        JSONObject sent = c.ok("chat:send_message", json("conversationId", chat, "attachments", array(id)));
        assertThat(sent.getString("type")).isEqualTo("image");
        assertThat(sent.getJSONArray("attachments").getJSONObject(0).getString("url")).isEqualTo("/api/v1/attachments/" + id);
        JSONObject received = a.nextObject("chat:new_message");
        assertThat(received.getJSONArray("attachments").getJSONObject(0).getString("id")).isEqualTo(id);
        assertThat(E2e.messages(a, chat).getJSONArray("messages").getJSONObject(0).getJSONArray("attachments")
                .getJSONObject(0).getString("contentType")).isEqualTo("image/png");

        RestClient.Response file = rest.get("/api/v1/attachments/" + id, agent.token());
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.header("Content-Type")).contains("image/png");
        assertThat(file.header("X-Content-Type-Options")).contains("nosniff");
        assertThat(file.header("Content-Disposition").orElseThrow()).startsWith("inline;");
        assertThat(file.raw().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1).length).isEqualTo(PNG.length);
    }

    @Test
    void aNotesFileIsNeverServedToTheCustomerAndOtherFilesDownloadAsAttachments() throws Exception {
        String id = uploaded(agent, "application/pdf", "internal-report.pdf", "%PDF-1.4".getBytes());
        a.ok("chat:send_message", json("conversationId", chat, "message", "see report", "internal", true,
                "attachments", array(id)));

        RestClient.Response forCustomer = rest.get("/api/v1/attachments/" + id, customer.token());
        assertThat(forCustomer.status()).isEqualTo(404);
        assertThat(forCustomer.code()).isEqualTo("NOT_FOUND");
        RestClient.Response forAgent = rest.get("/api/v1/attachments/" + id, agent.token());
        assertThat(forAgent.status()).isEqualTo(200);
        assertThat(forAgent.header("Content-Disposition").orElseThrow()).startsWith("attachment;");
    }

    @Test
    void aFileNotSentYetIsOnlyTheUploadersAndOnlyTheUploaderMaySendIt() throws Exception {
        String id = uploaded(customer, "text/plain", "../../etc/passwd", "hello".getBytes());

        assertThat(rest.get("/api/v1/attachments/" + id, agent.token()).status()).isEqualTo(404);
        assertThat(rest.get("/api/v1/attachments/" + id, customer.token()).status()).isEqualTo(200);
        assertThat(a.failure("chat:send_message", json("conversationId", chat, "message", "mine",
                "attachments", array(id))).getString("code")).isEqualTo("NOT_FOUND");
        JSONObject sent = c.ok("chat:send_message", json("conversationId", chat, "attachments", array(id)));
        assertThat(sent.getString("type")).isEqualTo("file");
        assertThat(sent.getString("text")).isEqualTo("passwd");
        assertThat(c.failure("chat:send_message", json("conversationId", chat, "attachments", array(id)))
                .getString("code")).isEqualTo("NOT_FOUND");
    }

    @Test
    void anyoneCanAskWhichFilesAreAcceptedAndTheAnswerMatchesWhatUploadsEnforce() {
        RestClient.Response limits = rest.get("/api/v1/attachment-limits", null);

        assertThat(limits.status()).isEqualTo(200);
        assertThat(limits.json().get("maxBytes").asLong()).isEqualTo(1_000_000);
        assertThat(limits.json().get("types").toString()).contains("\"image/png\"").doesNotContain("text/html");
        assertThat(upload(customer, "image/png", "edge.png", new byte[1_000_000]).status()).isEqualTo(201);
    }

    @Test
    void typesOutsideTheAllowListAndFilesOverTheLimitAreRefused() {
        RestClient.Response html = upload(customer, "text/html", "x.html", "<script>".getBytes());
        assertThat(html.status()).isEqualTo(415);
        assertThat(html.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        RestClient.Response big = upload(customer, "image/png", "big.png", new byte[1_000_001]);
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.code()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(upload(customer, "image/png", "empty.png", new byte[0]).code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void strangersCanNeitherUploadToTheChatNorDownloadItsFiles() throws Exception {
        String id = uploaded(customer, "image/png", "a.png", PNG);
        c.ok("chat:send_message", json("conversationId", chat, "attachments", array(id)));
        TestServer.TestUser other = server.user("Olga", "customer");

        assertThat(upload(other, "image/png", "b.png", PNG).code()).isEqualTo("CONVERSATION_NOT_FOUND");
        assertThat(rest.get("/api/v1/attachments/" + id, other.token()).status()).isEqualTo(404);
        assertThat(rest.get("/api/v1/attachments/" + id, null).status()).isEqualTo(401);
        assertThat(Arrays.asList(rest.get("/api/v1/attachments/nope", customer.token()).code())).containsExactly("NOT_FOUND");
    }
}
