package dev.switchboard.files;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.support.AttachmentStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * Attachments as files under one directory ({@code DATA_DIR/attachments} by default). Keys are
 * server-made ids; anything that could leave the directory is refused. A file is written under a
 * temporary name and moved into place, so readers never see half a file.
 */
public final class LocalAttachmentStorage implements AttachmentStorage {
    private final Path dir;

    public LocalAttachmentStorage(Path dir) {
        this.dir = Objects.requireNonNull(dir).toAbsolutePath().normalize();
    }

    @Override
    public void write(String key, byte[] bytes) {
        Path target = path(key);
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "upload-", ".part");
            try {
                Files.write(temp, bytes);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new SwitchboardException(ErrorCode.UNAVAILABLE, "the attachment could not be stored", e);
        }
    }

    @Override
    public byte[] read(String key) {
        try {
            return Files.readAllBytes(path(key));
        } catch (NoSuchFileException e) {
            throw SwitchboardException.notFound(ErrorCode.NOT_FOUND, "attachment");
        } catch (IOException e) {
            throw new SwitchboardException(ErrorCode.UNAVAILABLE, "the attachment could not be read", e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(path(key));
        } catch (IOException e) {
            throw new SwitchboardException(ErrorCode.UNAVAILABLE, "the attachment could not be deleted", e);
        }
    }

    private Path path(String key) {
        if (!key.matches("[A-Za-z0-9_-]{1,128}")) throw new IllegalArgumentException("not a storage key: " + key);
        Path p = dir.resolve(key).normalize();
        if (!p.getParent().equals(dir)) throw new IllegalArgumentException("not a storage key: " + key);
        return p;
    }
}
