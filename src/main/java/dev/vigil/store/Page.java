package dev.vigil.store;

import java.util.List;

/** One page of a listing and the total number of items. */
public record Page<T>(List<T> items, int offset, int limit, long total) {
    public Page {
        items = List.copyOf(items);
    }
}
