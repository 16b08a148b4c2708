package dev.switchboard.jdbc;

import java.util.Arrays;
import org.rocksdb.WriteBatch;

/**
 * A RocksDB write batch of puts, built in Java in the batch's own representation and handed over in one
 * call ({@link WriteBatch#WriteBatch(byte[])}), where {@link WriteBatch#put} crosses into native code
 * once per entry (three per message). The representation is RocksDB's, as its {@code db/write_batch.cc}
 * documents it and as {@link WriteBatch#data()} returns it: a fixed 64-bit sequence (set by RocksDB at
 * the write), a fixed 32-bit count, both little-endian, then each entry: its type ({@code kTypeValue},
 * or {@code kTypeColumnFamilyValue} followed by the family's id as a varint), then the key and the
 * value, each as a varint length and its bytes. {@code RocksBatchTest} holds it to what RocksDB builds.
 */
final class RocksBatch {
    /** The id of RocksDB's default column family. */
    static final int DEFAULT_FAMILY = 0;
    private static final int HEADER = 12;
    private static final byte VALUE = 0x1;
    private static final byte FAMILY_VALUE = 0x5;
    private static final int MOST_VARINT_BYTES = 5;

    private byte[] bytes;
    private int size = HEADER;
    private int count;

    /** An empty batch with room for about {@code expectedBytes} of keys and values. */
    RocksBatch(int expectedBytes) {
        bytes = new byte[HEADER + Math.max(64, expectedBytes)];
    }

    /** Adds a put of {@code key} to {@code value} in the column family with id {@code family}. */
    void put(int family, byte[] key, byte[] value) {
        room(1 + 3 * MOST_VARINT_BYTES + key.length + value.length);
        if (family == DEFAULT_FAMILY) {
            bytes[size++] = VALUE;
        } else {
            bytes[size++] = FAMILY_VALUE;
            varint(family);
        }
        bytes(key);
        bytes(value);
        count++;
    }

    int count() {
        return count;
    }

    /** The batch as RocksDB's; the caller closes it. */
    WriteBatch toWriteBatch() {
        bytes[8] = (byte) count;
        bytes[9] = (byte) (count >>> 8);
        bytes[10] = (byte) (count >>> 16);
        bytes[11] = (byte) (count >>> 24);
        return new WriteBatch(Arrays.copyOf(bytes, size));
    }

    private void bytes(byte[] b) {
        varint(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    private void varint(int n) {
        int v = n;
        while ((v & ~0x7F) != 0) {
            bytes[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[size++] = (byte) v;
    }

    private void room(int more) {
        if (size + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
}
