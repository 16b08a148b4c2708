package dev.switchboard.common;

import java.util.List;

/**
 * One page of a keyset-paginated list.
 *
 * @param nextCursor opaque; pass it back to get the following page; null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }

    public boolean hasMore() {
        return nextCursor != null;
    }
}
