package dev.switchboard.socketio;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Tells whether emitted values hold nothing binary, so that they can be written as JSON text at once
 * instead of first being turned into a JSON tree to look for binary attachments (the tree costs as
 * much again as the writing; docs/performance.md, step 5). Plain: null, strings, numbers, booleans,
 * enums, times, UUIDs, and public records, collections and maps made of plain values. Anything else
 * (a JSON tree, a byte array, any other object) takes the tree path, which finds binaries wherever
 * they are. Records must not carry a custom Jackson serializer that writes binary. A record whose
 * components are all of plain final types (strings, numbers, times, enums, such records) is plain
 * whatever its values: that is known once per class, and its values are not walked.
 */
final class PlainValues {
    private static final int MAX_DEPTH = 32;
    private static final MethodHandle[] NOT_ACCESSIBLE = new MethodHandle[0];
    /** The accessors of a record whose values must be walked; none for one that is plain by its type. */
    private static final MethodHandle[] PLAIN_BY_TYPE = new MethodHandle[0];
    private static final ClassValue<MethodHandle[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> type) {
            return plainByType(type) ? PLAIN_BY_TYPE : accessors(type);
        }
    };

    private PlainValues() {}

    static boolean all(Object[] values) {
        for (Object value : values) {
            if (!plain(value, 0)) return false;
        }
        return true;
    }

    private static boolean plain(Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Character || value instanceof Enum<?> || value instanceof TemporalAccessor
                || value instanceof UUID) {
            return true;
        }
        if (depth >= MAX_DEPTH) return false;
        if (value instanceof Record record) {
            MethodHandle[] accessors = ACCESSORS.get(record.getClass());
            if (accessors == PLAIN_BY_TYPE) return true;
            if (accessors == NOT_ACCESSIBLE) return false;
            for (MethodHandle accessor : accessors) {
                if (!plain(component(accessor, record), depth + 1)) return false;
            }
            return true;
        }
        if (value instanceof Collection<?> collection) {
            for (Object element : collection) {
                if (!plain(element, depth + 1)) return false;
            }
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            for (Object element : map.values()) {
                if (!plain(element, depth + 1)) return false;
            }
            return true;
        }
        return false;
    }

    private static Object component(MethodHandle accessor, Record record) {
        try {
            return (Object) accessor.invokeExact((Object) record);
        } catch (Throwable e) {
            throw new IllegalStateException("record accessor failed", e);
        }
    }

    /**
     * Whether every value of {@code type} is plain: a final plain type, or a public record made of such
     * types only (records nest; a type that would nest too deep, as a record naming itself, is not).
     */
    static boolean plainByType(Class<?> type) {
        return plainByType(type, 0);
    }

    private static boolean plainByType(Class<?> type, int depth) {
        if (type.isPrimitive() || type == String.class || type == Boolean.class || type == Character.class
                || type == UUID.class || type.isEnum()) {
            return true;
        }
        if (Number.class.isAssignableFrom(type) || TemporalAccessor.class.isAssignableFrom(type)) return true;
        if (!type.isRecord() || !Modifier.isPublic(type.getModifiers()) || depth >= 4) return false;
        for (RecordComponent component : type.getRecordComponents()) {
            if (!plainByType(component.getType(), depth + 1)) return false;
        }
        return true;
    }

    private static MethodHandle[] accessors(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        MethodHandle[] handles = new MethodHandle[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                handles[i] = MethodHandles.publicLookup().unreflect(components[i].getAccessor())
                        .asType(MethodType.methodType(Object.class, Object.class));
            }
        } catch (IllegalAccessException e) {
            return NOT_ACCESSIBLE; // a record that is not public: Jackson may still write it, via the tree
        }
        return handles;
    }
}
