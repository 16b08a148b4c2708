package dev.switchboard.e2e;

import static dev.switchboard.e2e.Problems.assertProblem;
import static dev.switchboard.testing.RestClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.RestClient;
import dev.switchboard.testing.TestServer;
import dev.switchboard.testing.TestServer.TestUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input over REST gets a clear 400 (or 413) problem and changes nothing (SPEC, Promises). */
class RestInputTest {
    static TestServer server;
    static RestClient rest;

    TestUser customer;
    TestUser agent;
    String messages;

    @BeforeAll
    static void start() {
        server = TestServer.start(); // MAX_REQUEST_BYTES is 1 MiB there
        rest = new RestClient(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void aConversation() {
        customer = server.user("Cora", "customer");
        agent = server.user("Abe", "agent");
        assertThat(rest.get("/api/auth/me", agent.token()).status()).isEqualTo(200);
        RestClient.Response created = rest.post("/api/chat/conversations", customer.token(), body("participantId", agent.id()));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        messages = "/api/chat/conversations/" + created.text("id") + "/messages";
    }

    private void assertNothingStored() {
        RestClient.Response history = rest.get(messages, agent.token());
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().path("messages")).as(history.toString()).isEmpty();
    }

    @Test
    void malformedJsonIsAValidationError() {
        for (String raw : List.of("{\"message\": ", "{message: 'hi'}", "{\"message\":\"hi\"} trailing",
                "{\"message\":\"a\",\"message\":\"b\"}")) {
            RestClient.Response response = rest.post(messages, customer.token(), raw);
            assertProblem(response, 400, "VALIDATION_FAILED");
            assertThat(response.text("detail")).as(raw).contains("JSON");
        }
        assertNothingStored();
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsAValidationError() {
        for (String raw : List.of("[\"hi\"]", "\"hi\"", "42", "null", "true")) {
            RestClient.Response response = rest.post(messages, customer.token(), raw);
            assertProblem(response, 400, "VALIDATION_FAILED");
            assertThat(response.text("detail")).as(raw).contains("JSON object");
        }
        assertNothingStored();
    }

    @Test
    void fieldsOfTheWrongTypeAreValidationErrorsNamingTheField() {
        assertProblem(rest.post(messages, customer.token(), body("message", 42)), 400, "VALIDATION_FAILED");
        assertProblem(rest.post(messages, customer.token(), body("message", Map.of("text", "hi"))), 400, "VALIDATION_FAILED");
        RestClient.Response key = rest.post(messages, customer.token(), body("message", "hi", "clientMessageId", 7));
        assertProblem(key, 400, "VALIDATION_FAILED");
        assertThat(key.text("detail")).contains("clientMessageId");
        RestClient.Response participant = rest.post("/api/chat/conversations", customer.token(), body("participantId", 5));
        assertProblem(participant, 400, "VALIDATION_FAILED");
        assertThat(participant.text("detail")).contains("participantId");
        assertProblem(rest.post("/api/chat/conversations", customer.token(), body("participantId", agent.id(), "type", "party")),
                400, "VALIDATION_FAILED");
        String read = messages.replace("/messages", "/read");
        assertProblem(rest.post(read, agent.token(), body("upToSeq", "three")), 400, "VALIDATION_FAILED");
        assertProblem(rest.post(read, agent.token(), body("upToSeq", -1)), 400, "VALIDATION_FAILED");
        assertNothingStored();
    }

    @Test
    void missingOrEmptyMessageTextIsAValidationError() {
        assertProblem(rest.post(messages, customer.token(), body()), 400, "VALIDATION_FAILED");
        assertProblem(rest.post(messages, customer.token(), null), 400, "VALIDATION_FAILED");
        assertProblem(rest.post(messages, customer.token(), body("message", "   ")), 400, "VALIDATION_FAILED");
        assertProblem(rest.post("/api/chat/conversations", customer.token(), body()), 400, "VALIDATION_FAILED");
        assertNothingStored();
    }

    @Test
    void aMessageOverTheLengthLimitIsTooLong() {
        RestClient.Response response = rest.post(messages, customer.token(), body("message", "x".repeat(10_001)));
        assertProblem(response, 413, "MESSAGE_TOO_LONG");
        assertNothingStored();
    }

    @Test
    void badNumbersInTheQueryAreValidationErrors() {
        for (String query : List.of("?limit=abc", "?limit=0", "?limit=-3", "?limit=99999999999", "?limit=1.5",
                "?beforeSeq=x", "?beforeSeq=0", "?afterSeq=-1", "?after=one")) {
            RestClient.Response response = rest.get(messages + query, customer.token());
            assertProblem(response, 400, "VALIDATION_FAILED");
        }
        assertProblem(rest.get("/api/chat/conversations?limit=nope", customer.token()), 400, "VALIDATION_FAILED");
        assertProblem(rest.get("/api/chat/conversations?cursor=not-a-cursor", customer.token()), 400, "VALIDATION_FAILED");
        assertThat(rest.get(messages + "?limit=10000", customer.token()).status()).isEqualTo(200); // clamped, not refused
    }

    @Test
    void malformedPercentEncodingInThePathOrQueryIsAValidationError() throws Exception {
        // java.net.URI refuses to build such a request line, so it goes over a plain socket
        for (String target : List.of(messages.replace("/messages", "%zz/messages"), messages + "?limit=%zz",
                "/api/nothing%")) {
            String answer = rawGet(target, customer.token());
            assertThat(answer).as(target).startsWith("HTTP/1.1 400 ");
            assertThat(answer).as(target).contains("application/problem+json").contains("\"VALIDATION_FAILED\"");
        }
    }

    private static String rawGet(String target, String token) throws Exception {
        java.net.URI base = java.net.URI.create(server.url());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5_000);
            String request = "GET " + target + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer " + token
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            try {
                return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.net.SocketTimeoutException e) {
                return "no answer within 5 s";
            }
        }
    }

    @Test
    void aBodyOverTheRequestLimitIsTooLarge() {
        byte[] huge = new byte[(1 << 20) + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        RestClient.Response response = rest.post(messages, customer.token(), huge);
        assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
        // the server is still there, and the refused body stored nothing
        assertNothingStored();
    }

    @Test
    void aBodyJustUnderTheRequestLimitIsReadAndJudgedOnItsContent() {
        String padding = " ".repeat((1 << 20) - 100);
        RestClient.Response response = rest.post(messages, customer.token(), "{\"message\":\"hi\"}" + padding);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }
}
