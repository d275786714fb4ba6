package dev.signpost.template.lang;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

import static java.util.Objects.requireNonNull;

/**
 * A list that knows its Go element type, e.g. {@code []string} from {@code split} or {@code []interface {}} from
 * {@code parseJSON}. Go refuses to pass one where the other is expected ({@code wrong type for value; expected
 * []interface {}; got []string}), so functions declare which they take. Immutable.
 */
public final class GoSlice<T> extends AbstractList<T> implements RandomAccess {

    private final String elemType;
    private final List<T> items;

    private GoSlice(String elemType, List<? extends T> items) {
        this.elemType = requireNonNull(elemType, "elemType");
        this.items = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
    }

    /** A slice with the given Go element type name, such as {@code string} or {@code interface {}}. */
    public static <T> GoSlice<T> of(String elemType, List<? extends T> items) {
        return new GoSlice<>(elemType, items);
    }

    /** A {@code []string}. */
    public static GoSlice<String> ofStrings(List<String> items) {
        return new GoSlice<>("string", items);
    }

    /** A {@code []interface {}}. */
    public static GoSlice<Object> ofInterfaces(List<?> items) {
        return new GoSlice<>("interface {}", items);
    }

    /** The Go type, e.g. {@code []string}. */
    public String goTypeName() {
        return "[]" + elemType;
    }

    /** items[from:to] with the same element type, as Go's slicing keeps the slice's type. */
    public GoSlice<T> slice(int from, int to) {
        return new GoSlice<>(elemType, items.subList(from, to));
    }

    @Override
    public T get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }
}
