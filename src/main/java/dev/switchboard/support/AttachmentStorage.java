package dev.switchboard.support;

/**
 * Where the bytes of attachments live (port): local disk by default ({@code files.LocalAttachmentStorage}),
 * an object store in a scaled-out deployment. Keys are server-made; methods block on I/O.
 */
public interface AttachmentStorage {
    void write(String key, byte[] bytes);

    /** The bytes stored under {@code key}; NOT_FOUND when there are none. */
    byte[] read(String key);

    /** Removes what is stored under {@code key}, if anything. */
    void delete(String key);
}
