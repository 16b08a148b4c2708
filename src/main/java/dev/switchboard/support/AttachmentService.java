package dev.switchboard.support;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.AttachmentRef;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationService;
import dev.switchboard.conversation.Message;
import dev.switchboard.identity.User;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Files in conversations: upload (participants; size and media type limited), download
 * (participants only; a note's file never to anyone but staff; a file not sent yet only to its
 * uploader), and the check and link when a message references uploaded files. Blocks on I/O.
 */
public final class AttachmentService {
    public static final int MAX_PER_MESSAGE = 10;
    public static final int MAX_FILE_NAME = 255;

    private final AttachmentStore store;
    private final AttachmentStorage storage;
    private final ConversationService conversations;
    private final Clock clock;
    private final long maxBytes;
    private final List<String> allowedTypes;

    public AttachmentService(AttachmentStore store, AttachmentStorage storage, ConversationService conversations,
            Clock clock, long maxBytes, List<String> allowedTypes) {
        this.store = Objects.requireNonNull(store);
        this.storage = Objects.requireNonNull(storage);
        this.conversations = Objects.requireNonNull(conversations);
        this.clock = Objects.requireNonNull(clock);
        this.maxBytes = maxBytes;
        this.allowedTypes = List.copyOf(allowedTypes);
    }

    /** The largest file accepted, in bytes (ATTACHMENT_MAX_BYTES). */
    public long maxBytes() {
        return maxBytes;
    }

    /** The media types accepted (ATTACHMENT_TYPES), lower case, without parameters. */
    public List<String> allowedTypes() {
        return allowedTypes;
    }

    /** A file, with what downloading it needs. */
    public record Download(Attachment attachment, byte[] bytes) {}

    public Attachment upload(User me, ConversationId id, String fileName, String contentType, byte[] bytes) {
        String type = mediaType(contentType);
        if (!allowedTypes.contains(type)) {
            throw new SwitchboardException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "files of type " + type + " are not accepted");
        }
        if (bytes.length == 0) throw SwitchboardException.invalid("the file is empty");
        if (bytes.length > maxBytes) {
            throw new SwitchboardException(ErrorCode.PAYLOAD_TOO_LARGE, "files are at most " + maxBytes + " bytes");
        }
        String name = fileName(fileName);
        if (!conversations.isParticipant(me.id(), id)) throw new SwitchboardException(ErrorCode.NOT_PARTICIPANT);
        String key = UUID.randomUUID().toString().replace("-", "");
        Attachment attachment = new Attachment(key, id, null, me.id(), name, type, bytes.length, key,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        storage.write(key, bytes);
        try {
            store.insert(attachment);
        } catch (RuntimeException e) {
            storage.delete(key);
            throw e;
        }
        return attachment;
    }

    public Download download(User me, String attachmentId) {
        Attachment a = store.find(attachmentId).orElseThrow(AttachmentService::notFound);
        if (!conversations.isParticipant(me.id(), a.conversationId())) throw notFound();
        if (a.messageId() == null) {
            if (!a.uploader().equals(me.id())) throw notFound();
        } else {
            // the message read as me: a note (or a deleted message) hides its files
            Message m = conversations.message(me.id(), a.conversationId(), a.messageId()).orElseThrow(AttachmentService::notFound);
            if (m.isDeleted()) throw notFound();
        }
        return new Download(a, storage.read(a.storageKey()));
    }

    /**
     * Before sending: the files {@code ids} must be mine, of this conversation and not sent yet.
     * Returns them for the message, in the order given.
     */
    public List<AttachmentRef> prepare(User me, ConversationId id, List<String> ids) {
        if (ids.size() > MAX_PER_MESSAGE) throw SwitchboardException.invalid("at most " + MAX_PER_MESSAGE + " attachments");
        List<AttachmentRef> refs = new ArrayList<>();
        for (String aid : new LinkedHashSet<>(ids)) {
            Attachment a = store.find(aid).orElseThrow(AttachmentService::notFound);
            if (!a.uploader().equals(me.id()) || !a.conversationId().equals(id) || a.messageId() != null) {
                throw notFound();
            }
            refs.add(a.ref());
        }
        return refs;
    }

    /**
     * After sending: links the files to the stored message; the message as it now reads. A file that
     * a concurrent message took meanwhile stays with that one; this message keeps the rest.
     */
    public Message link(User me, Message message, List<AttachmentRef> refs) {
        if (refs.isEmpty()) return message;
        List<String> ids = refs.stream().map(AttachmentRef::id).toList();
        if (store.link(ids, message.conversationId(), me.id(), message.id()) == ids.size()) {
            return message.withAttachments(refs);
        }
        return message.withAttachments(refs.stream().filter(r -> store.find(r.id())
                .map(a -> message.id().equals(a.messageId())).orElse(false)).toList());
    }

    public static String url(String attachmentId) {
        return "/api/v1/attachments/" + attachmentId;
    }

    private static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) throw SwitchboardException.invalid("Content-Type is required");
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** The last path segment, without control characters or quotes; "file" when nothing is left. */
    static String fileName(String raw) {
        String name = raw == null ? "" : raw;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) name = "file";
        if (name.length() > MAX_FILE_NAME) throw SwitchboardException.invalid("the file name is longer than 255 characters");
        return name;
    }

    private static SwitchboardException notFound() {
        return SwitchboardException.notFound(ErrorCode.NOT_FOUND, "attachment");
    }
}
