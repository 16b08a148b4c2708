package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.ServerConfig;
import dev.switchboard.conversation.Conversation;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationService;
import dev.switchboard.conversation.Message;
import dev.switchboard.conversation.ConversationType;
import dev.switchboard.conversation.SendResult;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserStatus;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The embedded database's message path: a send returns once its message is in the journal, H2 stores
 * it behind, and nobody reading the database can tell, because reads wait for the messages
 * acknowledged before them. The applier is held back here (a long linger), so that messages are known
 * to be waiting when the test looks.
 */
class MessageWriteBehindH2Test {
    private static final ServerConfig.Chat LIMITS = ServerConfig.Chat.defaults();
    private static final Duration HOLD = Duration.ofHours(1);

    @Test
    void aSendReturnsBeforeH2HasTheMessageAndAReadRightAfterItSeesIt() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Pair pair = pair(h2.database());
            h2.database().messages().linger(HOLD);

            pair.service().send(pair.customer(), pair.id(), "one", null);
            pair.service().send(pair.customer(), pair.id(), "two", null);
            assertThat(h2.database().messages().waiting()).as("stored behind, not yet in H2").isEqualTo(2);

            List<Message> read = pair.service().after(pair.customer(), pair.id(), 0, 10).messages();

            assertThat(read).extracting(Message::text).containsExactly("one", "two");
            assertThat(read).extracting(Message::seq).containsExactly(1L, 2L);
            assertThat(h2.database().messages().waiting()).isZero();
            assertThat(pair.service().get(pair.customer(), pair.id()).lastSeq()).isEqualTo(2);
        }
    }

    @Test
    void aRetryIsTheOriginalWhetherTheOriginalStillWaitsOrIsAlreadyInH2() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Pair pair = pair(h2.database());
            h2.database().messages().linger(HOLD);
            SendResult original = pair.service().send(pair.customer(), pair.id(), "hello", "key-1");

            SendResult whileWaiting = pair.service().send(pair.customer(), pair.id(), "hello", "key-1");
            pair.service().after(pair.customer(), pair.id(), 0, 10); // a read: now it is in H2
            SendResult afterApplied = pair.service().send(pair.customer(), pair.id(), "hello", "key-1");

            assertThat(whileWaiting.duplicate()).isTrue();
            assertThat(afterApplied.duplicate()).isTrue();
            assertThat(whileWaiting.message()).isEqualTo(original.message());
            assertThat(afterApplied.message().id()).isEqualTo(original.message().id());
            assertThat(afterApplied.message().seq()).isEqualTo(1);
            assertThat(pair.service().send(pair.customer(), pair.id(), "next", "key-2").message().seq()).isEqualTo(2);
        }
    }

    @Test
    void seqsGoOnFromTheDatabaseAfterARestartAndFromMemoryBeforeIt() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Pair pair = pair(h2.database());
            h2.database().messages().linger(HOLD);
            for (int i = 1; i <= 3; i++) pair.service().send(pair.customer(), pair.id(), "m" + i, null);

            Database reopened = h2.reopen(); // a clean stop applies what waits
            ConversationService service = service(reopened);
            assertThat(service.send(pair.customer(), pair.id(), "m4", null).message().seq()).isEqualTo(4);
            assertThat(service.after(pair.customer(), pair.id(), 0, 10).messages()).extracting(Message::seq)
                    .containsExactly(1L, 2L, 3L, 4L);
        }
    }

    @Test
    void aCleanStopStoresTheWaitingMessagesInTheDatabaseFile() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Pair pair = pair(h2.database());
            h2.database().messages().linger(HOLD);
            for (int i = 1; i <= 5; i++) pair.service().send(pair.customer(), pair.id(), "m" + i, "k" + i);

            h2.database().close();

            assertThat(h2.messagesInFiles()).isEqualTo(5);
            assertThat(h2.countInFiles("conversations WHERE last_seq = 5")).isEqualTo(1);
            h2.reopen();
        }
    }

    @Test
    void messagesAcknowledgedButNeverAppliedAreStoredFromTheJournalAfterACrash() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Pair pair = pair(h2.database());
            h2.database().messages().linger(HOLD);
            for (int i = 1; i <= 20; i++) pair.service().send(pair.customer(), pair.id(), "m" + i, "k" + i);

            ConversationService service = service(h2.crashAndReopen());

            assertThat(h2.database().messages().waiting()).isZero();
            assertThat(service.after(pair.customer(), pair.id(), 0, 100).messages()).extracting(Message::text)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 20).mapToObj(i -> "m" + i).toList());
            assertThat(service.send(pair.customer(), pair.id(), "m20", "k20").duplicate()).isTrue();
            assertThat(service.send(pair.customer(), pair.id(), "m21", "k21").message().seq()).isEqualTo(21);
        }
    }

    @Test
    void concurrentSendsAndRetriesGiveEachConversationGapFreeSeqsAndEachKeyOneMessage() throws Exception {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            List<Pair> pairs = new ArrayList<>();
            for (int p = 0; p < 4; p++) pairs.add(pair(h2.database(), "c" + p, "a" + p));
            h2.database().messages().linger(Duration.ofMillis(5)); // apply often, while others send
            Map<String, Long> seqOfKey = new ConcurrentHashMap<>();
            List<Future<?>> sends = new ArrayList<>();
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    sends.add(threads.submit(() -> {
                        for (int i = 0; i < 150; i++) {
                            Pair pair = pairs.get((thread + i) % pairs.size());
                            String key = "k" + (i % 75) + "-" + (thread % 4); // threads t and t+4 retry each other's keys
                            SendResult result = pair.service().send(pair.customer(), pair.id(), "text", key);
                            Long first = seqOfKey.putIfAbsent(pair.id().value() + "/" + key, result.message().seq());
                            if (first != null) assertThat(result.message().seq()).isEqualTo(first);
                            if (i % 40 == 0) pair.service().after(pair.customer(), pair.id(), 0, 5); // reads in between
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> send : sends) send.get();

            for (Pair pair : pairs) {
                List<Message> all = pair.service().after(pair.customer(), pair.id(), 0, 1_000).messages();
                assertThat(all).extracting(Message::seq).containsExactlyElementsOf(
                        LongStream.rangeClosed(1, all.size()).boxed().toList());
                assertThat(all.stream().map(Message::clientKey).collect(Collectors.toSet())).hasSize(all.size());
            }
            assertThat(pairs.stream().mapToLong(pair -> pair.service().after(pair.customer(), pair.id(), 0, 1_000)
                    .messages().size()).sum()).isEqualTo(seqOfKey.size());
        }
    }

    @Test
    void aNewClientKeyIsNotLookedUpInH2OnceTheStoredKeysAreKnownAndARetryStillFindsItsOriginal() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Pair pair = pair(h2.database());
            MessageWriteBehind messages = h2.database().messages();
            awaitRetryKeys(messages);
            long before = messages.retryLookups();

            List<SendResult> sent = new ArrayList<>();
            for (int i = 0; i < 100; i++) sent.add(pair.service().send(pair.customer(), pair.id(), "m" + i, "new-" + i));
            assertThat(messages.retryLookups() - before).as("first sends of new keys read nothing from H2").isZero();

            pair.service().after(pair.customer(), pair.id(), 0, 1); // a read: the hundred are in H2 now
            SendResult retry = pair.service().send(pair.customer(), pair.id(), "m42", "new-42");

            assertThat(retry.duplicate()).isTrue();
            assertThat(retry.message().id()).isEqualTo(sent.get(42).message().id());
            assertThat(messages.retryLookups() - before).as("the retry of a stored key is looked up").isEqualTo(1);
            assertThat(sent).extracting(r -> r.message().seq()).containsExactlyElementsOf(
                    LongStream.rangeClosed(1, 100).boxed().toList());
        }
    }

    @Test
    void aRetryOfAMessageStoredBeforeARestartIsTheOriginalOnceTheStoredKeysAreKnown() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Pair pair = pair(h2.database());
            SendResult original = pair.service().send(pair.customer(), pair.id(), "hello", "before-restart");

            Database reopened = h2.reopen();
            awaitRetryKeys(reopened.messages());
            ConversationService service = service(reopened);
            SendResult retry = service.send(pair.customer(), pair.id(), "hello", "before-restart");
            long lookups = reopened.messages().retryLookups();
            SendResult fresh = service.send(pair.customer(), pair.id(), "new", "after-restart");

            assertThat(retry.duplicate()).isTrue();
            assertThat(retry.message().id()).isEqualTo(original.message().id());
            assertThat(fresh.duplicate()).isFalse();
            assertThat(fresh.message().seq()).isEqualTo(2);
            assertThat(reopened.messages().retryLookups()).as("a new key after the restart").isEqualTo(lookups);
        }
    }

    @Test
    void keysSentBeforeDuringAndAfterTheFilterGrowsAreAllFoundAsRetries() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Pair pair = pair(h2.database());
            MessageWriteBehind messages = h2.database().messages();
            awaitRetryKeys(messages);
            long capacity = messages.retryKeysCapacity();
            h2.database().messages().linger(HOLD); // the first keys still wait, not in H2, when it grows
            List<SendResult> sent = new ArrayList<>();
            for (int i = 0; i < 50; i++) sent.add(pair.service().send(pair.customer(), pair.id(), "m" + i, "k" + i));

            messages.growRetryKeysAtNextKey();
            sent.add(pair.service().send(pair.customer(), pair.id(), "m50", "k50")); // grows inside its batch
            for (int i = 51; i < 60; i++) sent.add(pair.service().send(pair.customer(), pair.id(), "m" + i, "k" + i));
            h2.database().messages().linger(Duration.ofMillis(5)); // let the fill's wait for the applier end
            pair.service().after(pair.customer(), pair.id(), 0, 1);
            awaitRetryKeys(messages);

            assertThat(messages.retryKeysCapacity()).as("a larger filter answers").isGreaterThanOrEqualTo(2 * capacity);
            for (int i = 0; i < 60; i++) {
                SendResult retry = pair.service().send(pair.customer(), pair.id(), "m" + i, "k" + i);
                assertThat(retry.duplicate()).as("retry of k" + i).isTrue();
                assertThat(retry.message().id()).isEqualTo(sent.get(i).message().id());
            }
            long lookups = messages.retryLookups();
            assertThat(pair.service().send(pair.customer(), pair.id(), "new", "k-new").message().seq()).isEqualTo(61);
            assertThat(messages.retryLookups()).as("a new key after the growth").isEqualTo(lookups);
        }
    }

    @Test
    void theApplierStoresMessagesAndWritesCheckpointsWhileHandlersHoldEveryPooledConnection() throws Exception {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Pair pair = pair(h2.database());
            MessageWriteBehind messages = h2.database().messages();
            messages.linger(HOLD);
            for (int i = 1; i <= 5; i++) pair.service().send(pair.customer(), pair.id(), "m" + i, "k" + i);
            long checkpoints = messages.checkpoints();

            List<Connection> held = new ArrayList<>();
            try {
                // a burst of handlers that drained the pool (its connection timeout is 10 s)
                for (int i = 0; i < H2TestDatabase.POOL_SIZE; i++) held.add(h2.database().dataSource().getConnection());
                messages.linger(Duration.ofMillis(1));
                messages.checkpointSoon();

                within(Duration.ofSeconds(5), "the messages stored and a checkpoint written with the pool drained",
                        () -> messages.waiting() == 0 && messages.checkpoints() > checkpoints);
            } finally {
                for (Connection connection : held) connection.close();
            }
            assertThat(pair.service().after(pair.customer(), pair.id(), 0, 10).messages()).extracting(Message::text)
                    .containsExactly("m1", "m2", "m3", "m4", "m5");
        }
    }

    @Test
    void creatingADirectConversationLeavesOthersMessagesWaitingAndFindingOneGivesItsCurrentLastSeq() {
        try (H2TestDatabase h2 = new H2TestDatabase()) {
            Pair pair = pair(h2.database());
            JdbcUserStore users = new JdbcUserStore(h2.database(), Clock.systemUTC());
            UserId c2 = users.upsertExternal(new UserId("c2"), Role.CUSTOMER, "C2", null, UserStatus.ACTIVE).id();
            UserId a2 = users.upsertExternal(new UserId("a2"), Role.AGENT, "A2", null, UserStatus.ACTIVE).id();
            h2.database().messages().linger(HOLD);
            for (int i = 1; i <= 3; i++) pair.service().send(pair.customer(), pair.id(), "m" + i, null);
            JdbcConversationStore store = new JdbcConversationStore(h2.database());
            Instant now = Instant.now();

            Conversation created = store.findOrCreateDirect(new Conversation(ConversationId.random(),
                    ConversationType.CUSTOMER_SUPPORT, List.of(c2, a2), now, now, 0));
            assertThat(created.participants()).containsExactlyInAnyOrder(c2, a2);
            assertThat(h2.database().messages().waiting()).as("the creation did not wait for them").isEqualTo(3);

            Conversation found = store.findOrCreateDirect(new Conversation(ConversationId.random(),
                    ConversationType.CUSTOMER_SUPPORT, List.of(pair.customer(), new UserId("a")), now, now, 0));
            assertThat(found.id()).isEqualTo(pair.id());
            assertThat(found.lastSeq()).as("an existing one's last seq counts the waiting messages").isEqualTo(3);
        }
    }

    private static void awaitRetryKeys(MessageWriteBehind messages) {
        within(Duration.ofSeconds(20), "the stored client keys known", messages::retryKeysReady);
    }

    private static void within(Duration limit, String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + limit.toSeconds() + " s").isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private record Pair(ConversationService service, UserId customer, ConversationId id) {}

    private static Pair pair(Database database) {
        return pair(database, "c", "a");
    }

    private static Pair pair(Database database, String customerId, String agentId) {
        JdbcUserStore users = new JdbcUserStore(database, Clock.systemUTC());
        UserId customer = users.upsertExternal(new UserId(customerId), Role.CUSTOMER, "C", null, UserStatus.ACTIVE).id();
        UserId agent = users.upsertExternal(new UserId(agentId), Role.AGENT, "A", null, UserStatus.ACTIVE).id();
        ConversationService service = service(database);
        return new Pair(service, customer, service.getOrCreateDirect(customer, agent, Optional.empty()).id());
    }

    private static ConversationService service(Database database) {
        return new ConversationService(new JdbcConversationStore(database),
                new JdbcUserStore(database, Clock.systemUTC()), Clock.systemUTC(), LIMITS);
    }
}
