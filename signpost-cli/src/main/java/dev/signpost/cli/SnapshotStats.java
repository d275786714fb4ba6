package dev.signpost.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.signpost.core.state.CatalogSnapshot;
import dev.signpost.raft.BytesModule;
import dev.signpost.raft.SnapshotArchive;

/**
 * What {@code snapshot inspect} prints, in the layout of Consul's pretty format: the metadata, then each kind of
 * record with its count and size (its JSON, as the archive's state holds it), largest first, and the total.
 */
final class SnapshotStats {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new BytesModule());

    private SnapshotStats() {
    }

    record Kind(String name, int count, long size) {
    }

    static List<Kind> kinds(CatalogSnapshot state) {
        List<Kind> kinds = new ArrayList<>();
        kinds.add(kind("Node", state.nodes().stream().map(CatalogSnapshot.NodeRecord::node).toList()));
        kinds.add(kind("Service", state.nodes().stream().flatMap(n -> n.services().stream()).toList()));
        kinds.add(kind("Check", state.nodes().stream().flatMap(n -> n.checks().stream()).toList()));
        kinds.add(kind("KVS", state.kv()));
        kinds.add(kind("Tombstone", state.kvTombstones().entrySet().stream().toList()));
        kinds.add(kind("Session", state.sessions()));
        kinds.removeIf(k -> k.count() == 0);
        kinds.sort(Comparator.comparingLong(Kind::size).reversed().thenComparing(Kind::name));
        return kinds;
    }

    private static Kind kind(String name, List<?> records) {
        long size = 0;
        for (Object record : records) {
            try {
                size += JSON.writeValueAsBytes(record).length;
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot size a " + name + " record", e);
            }
        }
        return new Kind(name, records.size(), size);
    }

    static String format(SnapshotArchive.Content content) {
        SnapshotArchive.Meta meta = content.meta();
        StringBuilder text = new StringBuilder();
        text.append(" ID\t").append(meta.ID()).append("\n Size\t").append(meta.Size())
                .append("\n Index\t").append(meta.Index()).append("\n Term\t").append(meta.Term())
                .append("\n Version\t").append(meta.Version()).append("\n\n Type\tCount\tSize\t\n ----\t----\t----\t");
        long total = 0;
        for (Kind kind : kinds(content.snapshot())) {
            text.append("\n ").append(kind.name()).append('\t').append(kind.count()).append('\t')
                    .append(byteSize(kind.size())).append('\t');
            total += kind.size();
        }
        text.append("\n ----\t----\t----\t\n Total\t\t").append(byteSize(total)).append('\t');
        return Columns.tabwriter(text.toString(), 8, 6);
    }

    /** Consul's ByteSize: one decimal, ".0" dropped, B/KB/MB/GB/TB; 0 is "0". */
    static String byteSize(long bytes) {
        String[] units = {"TB", "GB", "MB", "KB"};
        for (int i = 0; i < units.length; i++) {
            double unit = Math.pow(1024, units.length - i);
            if (bytes >= unit) {
                return trim(String.format(Locale.ROOT, "%.1f", bytes / unit)) + units[i];
            }
        }
        return bytes == 0 ? "0" : bytes + "B";
    }

    private static String trim(String number) {
        return number.endsWith(".0") ? number.substring(0, number.length() - 2) : number;
    }
}
