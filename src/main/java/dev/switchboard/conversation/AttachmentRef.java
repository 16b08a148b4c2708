package dev.switchboard.conversation;

import java.util.Objects;

/** A file a message carries, as readers see it (the bytes are fetched by id). */
public record AttachmentRef(String id, String fileName, String contentType, long size) {
    public AttachmentRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
    }
}
