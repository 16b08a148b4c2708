package dev.switchboard.jdbc;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.Message;
import dev.switchboard.conversation.MessageId;
import dev.switchboard.conversation.MessageKind;
import dev.switchboard.conversation.Visibility;
import dev.switchboard.identity.UserId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * The keys and values of the {@link RocksMessageStore}, in two column families ({@link RocksHandle}).
 * The messages themselves live in their own family under their ids, which are time-ordered (UUID
 * version 7), so that new messages land after the old ones and RocksDB's merges leave old files alone.
 * The default family holds what is looked up by other keys, each kind under its own first byte: a
 * conversation's messages by seq (the id, so that a conversation's messages are adjacent, in seq order,
 * and a history page is one run of small keys), the seq under the sender's client key, and a few
 * counters. Strings are UTF-8 with a length in front, so that no id can run into the next field;
 * numbers are big-endian, so that keys sort by seq. Times keep the microseconds that the SQL databases
 * keep.
 *
 * <p>Format 1 kept the whole message under its conversation and seq, and its id as a third key; a store
 * in format 1 is rewritten in format 2 when it opens ({@link RocksMessageStore#open}).
 */
final class MessageCodec {
    static final byte MESSAGE = 'm';
    /** Format 1's key of a message's id; gone in format 2. */
    static final byte BY_ID_1 = 'i';
    static final byte BY_CLIENT_KEY = 'k';
    /** The journal position whose batch is the last one stored. */
    static final byte[] APPLIED = {'a', 'p'};
    /** Messages stored, for sizing the retry filter at start-up. */
    static final byte[] COUNT = {'a', 'c'};
    /** Set once the rows an earlier version kept in H2 are here. */
    static final byte[] FROM_H2 = {'a', 'h'};
    /** The store's format: absent in format 1. */
    static final byte[] STORE_FORMAT = {'a', 'f'};
    static final long FORMAT = 2;
    private static final byte FORMAT_1 = 1;

    private MessageCodec() {}

    /** 'm', the conversation id, then the seq: the key of a message's id in its conversation's order. */
    static byte[] messageKey(ConversationId conversation, long seq) {
        byte[] id = utf8(conversation.value());
        return ByteBuffer.allocate(1 + 2 + id.length + 8).put(MESSAGE).putShort((short) id.length).put(id).putLong(seq)
                .array();
    }

    /** The key before a conversation's first message, for iterating over it. */
    static byte[] conversationStart(ConversationId conversation) {
        return messageKey(conversation, 0);
    }

    /** Whether {@code key} is a message key of the conversation that {@code start} begins. */
    static boolean sameConversation(byte[] key, byte[] start) {
        return key.length == start.length && Arrays.equals(key, 0, key.length - 8, start, 0, start.length - 8);
    }

    static long seqOf(byte[] messageKey) {
        return ByteBuffer.wrap(messageKey, messageKey.length - 8, 8).getLong();
    }

    static ConversationId conversationOf(byte[] messageKey) {
        int length = ByteBuffer.wrap(messageKey, 1, 2).getShort() & 0xFFFF;
        return new ConversationId(new String(messageKey, 3, length, StandardCharsets.UTF_8));
    }

    /** A message's key in the messages' family, and its value under its conversation and seq. */
    static byte[] idKey(MessageId id) {
        return utf8(id.value());
    }

    static MessageId idOf(byte[] idKey) {
        return new MessageId(new String(idKey, StandardCharsets.UTF_8));
    }

    /** 'k', conversation, sender, then the client key: a retry finds its original under it. */
    static byte[] clientKey(ConversationId conversation, UserId sender, String clientKey) {
        byte[] c = utf8(conversation.value());
        byte[] s = utf8(sender.value());
        byte[] k = utf8(clientKey);
        return ByteBuffer.allocate(1 + 2 + c.length + 2 + s.length + k.length).put(BY_CLIENT_KEY)
                .putShort((short) c.length).put(c).putShort((short) s.length).put(s).put(k).array();
    }

    /** The conversation, sender and client key of a client-key entry, for filling the retry filter. */
    static String[] clientKeyParts(byte[] key) {
        ByteBuffer b = ByteBuffer.wrap(key, 1, key.length - 1);
        String conversation = string(b, b.getShort() & 0xFFFF);
        String sender = string(b, b.getShort() & 0xFFFF);
        return new String[] {conversation, sender, string(b, b.remaining())};
    }

    /**
     * The value under a message's id: the format, then what counting reads (visibility, kind, sender,
     * deletion time), then the rest. {@link #head} reads the first part without decoding the text.
     */
    static byte[] value(Message m) {
        byte[] visibility = utf8(m.visibility().wire());
        byte[] kind = utf8(m.kind().wire());
        byte[] sender = utf8(m.senderId().value());
        byte[] conversation = utf8(m.conversationId().value());
        byte[] text = utf8(m.text());
        byte[] clientKey = m.clientKey() == null ? null : utf8(m.clientKey());
        int size = 1 + 1 + visibility.length + 1 + kind.length + 2 + sender.length + 8 + 2 + conversation.length + 8
                + 4 + text.length + 2 + (clientKey == null ? 0 : clientKey.length) + 8 + 8;
        ByteBuffer b = ByteBuffer.allocate(size).put((byte) FORMAT);
        b.put((byte) visibility.length).put(visibility).put((byte) kind.length).put(kind);
        b.putShort((short) sender.length).put(sender).putLong(micros(m.deletedAt()));
        b.putShort((short) conversation.length).put(conversation).putLong(m.seq());
        b.putInt(text.length).put(text);
        if (clientKey == null) b.putShort((short) -1);
        else b.putShort((short) clientKey.length).put(clientKey);
        b.putLong(micros(m.createdAt())).putLong(micros(m.editedAt()));
        return b.array();
    }

    /** What counting needs of a stored message. */
    record Head(Visibility visibility, MessageKind kind, UserId sender, boolean deleted) {}

    static Head head(byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value);
        checkFormat(b.get(), (byte) FORMAT);
        Visibility visibility = Visibility.fromWire(string(b, b.get()));
        MessageKind kind = MessageKind.fromWire(string(b, b.get()));
        UserId sender = new UserId(string(b, b.getShort() & 0xFFFF));
        return new Head(visibility, kind, sender, b.getLong() != Long.MIN_VALUE);
    }

    /** The message stored under {@code idKey}. */
    static Message message(byte[] idKey, byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value);
        checkFormat(b.get(), (byte) FORMAT);
        Visibility visibility = Visibility.fromWire(string(b, b.get()));
        MessageKind kind = MessageKind.fromWire(string(b, b.get()));
        UserId sender = new UserId(string(b, b.getShort() & 0xFFFF));
        Instant deletedAt = instant(b.getLong());
        ConversationId conversation = new ConversationId(string(b, b.getShort() & 0xFFFF));
        long seq = b.getLong();
        String text = string(b, b.getInt());
        return rest(b, idOf(idKey), conversation, seq, sender, text, kind, visibility, deletedAt);
    }

    /** A message as format 1 stored it under its conversation and seq, for rewriting it in format 2. */
    static Message messageInFormat1(byte[] messageKey, byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value);
        checkFormat(b.get(), FORMAT_1);
        Visibility visibility = Visibility.fromWire(string(b, b.get()));
        MessageKind kind = MessageKind.fromWire(string(b, b.get()));
        UserId sender = new UserId(string(b, b.getShort() & 0xFFFF));
        Instant deletedAt = instant(b.getLong());
        MessageId id = new MessageId(string(b, b.getShort() & 0xFFFF));
        String text = string(b, b.getInt());
        return rest(b, id, conversationOf(messageKey), seqOf(messageKey), sender, text, kind, visibility, deletedAt);
    }

    /** Whether a value under a conversation and seq is a whole message (format 1), not an id. */
    static boolean isFormat1(byte[] value) {
        return value.length > 0 && value[0] == FORMAT_1;
    }

    private static Message rest(ByteBuffer b, MessageId id, ConversationId conversation, long seq, UserId sender,
            String text, MessageKind kind, Visibility visibility, Instant deletedAt) {
        short keyLength = b.getShort();
        String clientKey = keyLength < 0 ? null : string(b, keyLength);
        Instant createdAt = instant(b.getLong());
        Instant editedAt = instant(b.getLong());
        return new Message(id, conversation, seq, sender, text, kind, clientKey, createdAt, editedAt, visibility,
                deletedAt);
    }

    private static void checkFormat(byte format, byte expected) {
        if (format != expected) throw new IllegalStateException("stored message in format " + format + ", not " + expected);
    }

    static byte[] number(long n) {
        return ByteBuffer.allocate(8).putLong(n).array();
    }

    static long number(byte[] bytes) {
        return bytes == null ? 0 : ByteBuffer.wrap(bytes).getLong();
    }

    private static long micros(Instant at) {
        if (at == null) return Long.MIN_VALUE;
        Instant t = at.truncatedTo(ChronoUnit.MICROS);
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    private static Instant instant(long micros) {
        return micros == Long.MIN_VALUE ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    private static String string(ByteBuffer b, int length) {
        String s = new String(b.array(), b.arrayOffset() + b.position(), length, StandardCharsets.UTF_8);
        b.position(b.position() + length);
        return s;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
