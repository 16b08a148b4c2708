package dev.switchboard.common;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files written whole: a reader sees the old file or the new one, never half of one. */
public final class AtomicFiles {
    private AtomicFiles() {}

    /**
     * Moves {@code written} (a finished file in the same directory) over {@code target} in one rename;
     * a plain replacing move where the file system has no atomic one.
     */
    public static void replace(Path written, Path target) throws IOException {
        try {
            Files.move(written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(written, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
