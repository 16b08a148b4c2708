package dev.switchboard.app;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The configuration cannot be used. Lists every problem at once, so an operator fixes the
 * environment in one go instead of restarting once per mistake.
 */
public final class ConfigException extends SwitchboardException {

    /** One bad setting: {@code key} is its environment variable name (or the flag, for unknown flags). */
    public record Problem(String key, String message) {
        public Problem {
            Objects.requireNonNull(key);
            Objects.requireNonNull(message);
        }

        @Override
        public String toString() {
            return key + ": " + message;
        }
    }

    private final List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(ErrorCode.VALIDATION_FAILED, render(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The keys of all problems, in the order they were found. */
    public List<String> keys() {
        return problems.stream().map(Problem::key).toList();
    }

    private static String render(List<Problem> problems) {
        if (problems.isEmpty()) throw new IllegalArgumentException("a ConfigException needs at least one problem");
        return problems.stream().map(Problem::toString)
                .collect(Collectors.joining("\n  ", "invalid configuration (" + problems.size() + " problem"
                        + (problems.size() == 1 ? "" : "s") + "):\n  ", ""));
    }
}
