/**
 * Storage of files on local disk: the default {@link dev.switchboard.support.AttachmentStorage}
 * adapter, under {@code DATA_DIR}.
 */
package dev.switchboard.files;
