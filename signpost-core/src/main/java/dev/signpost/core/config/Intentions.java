package dev.signpost.core.config;

import static dev.signpost.core.config.ServiceIntentions.WILDCARD;
import static dev.signpost.core.config.ServiceIntentions.text;
import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Intentions read from and written into {@code service-intentions} config entries, as Consul's state store does
 * since 1.9 (agent/consul/state/config_entry_intention.go and intention.go): listing, exact lookup, matching with
 * wildcards, the allow/deny decision of {@code /check}, and the mutations of the intention API (a source upserted
 * or deleted by name, or the ID-based legacy create, update and delete). A mutation returns the whole entry to
 * write, validated, or empty when the entry's last source went and the entry is to be deleted. Pure.
 */
public final class Intentions {
    /** Consul's IntentionPrecedenceSorter: highest precedence first, then by source and destination names. */
    public static final Comparator<Intention> PRECEDENCE = Comparator.comparingInt(Intention::precedence).reversed()
            .thenComparing(Intention::sourceName).thenComparing(Intention::destinationName);
    private static final DateTimeFormatter GO_RFC3339_NANO = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS").withZone(ZoneOffset.UTC);

    /** Which side of an intention a match names. */
    public enum By { SOURCE, DESTINATION }

    private Intentions() {
    }

    /** The intentions of one entry, in its sources' order (ToIntentions). */
    public static List<Intention> of(ConfigEntry entry) {
        requireKind(entry);
        return ServiceIntentions.sources(entry.body()).stream().map(s -> intention(entry, s)).toList();
    }

    /** Every intention of the entries, by precedence (Intention.List). */
    public static List<Intention> all(List<ConfigEntry> entries) {
        return entries.stream().flatMap(e -> of(e).stream()).sorted(PRECEDENCE).toList();
    }

    /** The intention from a local (not peered) source to the entry's destination, if the entry has it. */
    public static Optional<Intention> exact(Optional<ConfigEntry> entry, String source) {
        return exact(entry, "", source);
    }

    /** The intention from a source of a peer ("" for a local one) to the entry's destination, if it has it. */
    public static Optional<Intention> exact(Optional<ConfigEntry> entry, String peer, String source) {
        return entry.stream().flatMap(e -> of(e).stream())
                .filter(i -> i.sourcePeer().equals(peer) && i.sourceName().equals(source)).findFirst();
    }

    /** The entry holding the legacy intention with this ID, if any. */
    public static Optional<ConfigEntry> holding(List<ConfigEntry> entries, String id) {
        return entries.stream().filter(e -> of(e).stream().anyMatch(i -> i.id().equals(id))).findFirst();
    }

    /** The legacy intention with this ID, if any. */
    public static Optional<Intention> byId(List<ConfigEntry> entries, String id) {
        return entries.stream().flatMap(e -> of(e).stream()).filter(i -> i.id().equals(id)).findFirst();
    }

    /**
     * The intentions whose source (or destination) is the name or the wildcard, by precedence: what applies to that
     * service on that side (configIntentionMatchOneTxn).
     */
    public static List<Intention> match(List<ConfigEntry> entries, By by, String name) {
        List<String> names = name.equals(WILDCARD) ? List.of(WILDCARD) : List.of(name, WILDCARD);
        return entries.stream().flatMap(e -> of(e).stream())
                .filter(i -> by == By.DESTINATION ? names.contains(i.destinationName())
                        : i.sourcePeer().isEmpty() && names.contains(i.sourceName()))
                .sorted(PRECEDENCE).toList();
    }

    /**
     * Whether a connection from source to destination is allowed (Intention.Check): the first intention by
     * precedence matching both names decides; one with L7 permissions denies, as the check cannot see requests;
     * with none, the default decides.
     */
    public static boolean allowed(List<ConfigEntry> entries, String source, String destination, boolean byDefault) {
        return match(entries, By.SOURCE, source).stream()
                .filter(i -> i.destinationName().equals(destination) || i.destinationName().equals(WILDCARD))
                .findFirst()
                .map(i -> i.permissions().isEmpty() && i.action().equals("allow"))
                .orElse(byDefault);
    }

    /**
     * The entry after upserting the source by name (intentionMutationUpsert): created when there is none, the
     * source replaced or appended otherwise, then normalised and validated as any config entry write.
     *
     * @param source the source's fields (Name, Action, Permissions, Type, Description) as decoded
     */
    public static ConfigEntry upsert(Optional<ConfigEntry> existing, String destination, Map<String, Object> source) {
        List<Map<String, Object>> sources = new ArrayList<>(existing.map(e -> ServiceIntentions.sources(e.body()))
                .orElse(List.of()));
        int at = indexOf(sources, text(source, "Name"));
        if (at >= 0) {
            sources.set(at, source);
        } else {
            sources.add(source);
        }
        return ConfigEntries.normalized(withSources(existing, destination, sources));
    }

    /** The entry without the source (intentionMutationDelete); empty when none is left, or when it had none. */
    public static Optional<ConfigEntry> withoutSource(ConfigEntry existing, String source) {
        List<Map<String, Object>> sources = new ArrayList<>(ServiceIntentions.sources(existing.body()));
        int at = indexOf(sources, source);
        if (at >= 0) {
            sources.remove(at);
        }
        return sources.isEmpty() ? Optional.empty()
                : Optional.of(ConfigEntries.normalized(withSources(Optional.of(existing), existing.name(), sources)));
    }

    /**
     * The entry after a legacy create (intentionMutationLegacyCreate): the source, carrying its new ID and times,
     * appended; refused when the entry was written through the config entry API.
     */
    public static ConfigEntry legacyCreate(Optional<ConfigEntry> existing, String destination,
                                           Map<String, Object> source) {
        existing.ifPresent(Intentions::requireLegacy);
        List<Map<String, Object>> sources = new ArrayList<>(existing.map(e -> ServiceIntentions.sources(e.body()))
                .orElse(List.of()));
        sources.add(source);
        return ConfigEntries.normalizedLegacy(withSources(existing, destination, sources));
    }

    /**
     * The entry after a legacy update of the intention with this ID (UpdateOver keeps its creation time), or after
     * its delete when {@code source} is empty; empty when the entry's last source went.
     */
    public static Optional<ConfigEntry> legacyReplace(ConfigEntry existing, String id,
                                                      Optional<Map<String, Object>> source) {
        requireLegacy(existing);
        List<Map<String, Object>> sources = new ArrayList<>();
        for (Map<String, Object> old : ServiceIntentions.sources(existing.body())) {
            if (!text(old, "LegacyID").equals(id)) {
                sources.add(old);
            } else if (source.isPresent()) {
                Map<String, Object> updated = new LinkedHashMap<>(source.get());
                updated.put("LegacyCreateTime", old.get("LegacyCreateTime"));
                sources.add(updated);
            }
        }
        return sources.isEmpty() ? Optional.empty()
                : Optional.of(ConfigEntries.normalizedLegacy(withSources(Optional.of(existing), existing.name(),
                sources)));
    }

    /**
     * A source's fields from a request body, read as Consul reads a config entry's source (the names of
     * SourceIntention: Name, Action, Permissions, Type, Description, LegacyMeta). Throws InvalidRequestException
     * with mapstructure's words for a value of the wrong type.
     */
    public static Map<String, Object> source(Map<String, Object> fields) {
        return ServiceIntentions.decodeSource(fields);
    }

    /**
     * Problems of an intention given to the ID-based API (structs.Intention.Validate), as go-multierror words
     * them; empty when it is valid.
     */
    public static Optional<String> legacyProblems(String source, String destination, Map<String, Object> fields) {
        List<String> errors = new ArrayList<>();
        if (source.isEmpty()) {
            errors.add("SourceName must be set");
        }
        if (destination.isEmpty()) {
            errors.add("DestinationName must be set");
        }
        if (!source.equals(WILDCARD) && source.contains(WILDCARD)) {
            errors.add("SourceName: wildcard character '*' cannot be used with partial values");
        }
        if (!destination.equals(WILDCARD) && destination.contains(WILDCARD)) {
            errors.add("DestinationName: wildcard character '*' cannot be used with partial values");
        }
        if (text(fields, "Description").length() > 512) {
            errors.add("Description exceeds maximum length 512");
        }
        ConfigEntries.meta(ServiceIntentions.stringMap(fields, "LegacyMeta"), errors);
        String action = text(fields, "Action");
        if (!action.equals("allow") && !action.equals("deny")) {
            errors.add("Action must be set to 'allow' or 'deny'");
        }
        if (!text(fields, "Type").equals(ServiceIntentions.CONSUL)) {
            errors.add("SourceType must be set to 'consul'");
        }
        return errors.isEmpty() ? Optional.empty() : Optional.of(ConfigEntries.multiError(errors));
    }

    /** Go's time.RFC3339Nano in UTC (trailing zeros of the fraction dropped), as Consul writes legacy times. */
    public static String goTime(Instant at) {
        String text = GO_RFC3339_NANO.format(at).replaceAll("0+$", "");
        return (text.endsWith(".") ? text.substring(0, text.length() - 1) : text) + "Z";
    }

    private static void requireLegacy(ConfigEntry entry) {
        boolean allLegacy = ServiceIntentions.sources(entry.body()).stream()
                .allMatch(s -> !text(s, "LegacyID").isEmpty());
        if (!allLegacy) {
            throw new IllegalArgumentException("cannot use legacy intention API to edit intentions with a destination"
                    + " of " + ConfigEntries.quote(entry.name()) + " after editing them via a service-intentions "
                    + "config entry");
        }
    }

    private static int indexOf(List<Map<String, Object>> sources, String name) {
        for (int i = 0; i < sources.size(); i++) {
            if (text(sources.get(i), "Peer").isEmpty() && text(sources.get(i), "Name").equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static ConfigEntry withSources(Optional<ConfigEntry> existing, String destination,
                                           List<Map<String, Object>> sources) {
        Map<String, Object> body = new LinkedHashMap<>(existing.map(ConfigEntry::body).orElse(Map.of()));
        body.put("Sources", sources);
        return new ConfigEntry(ConfigEntries.SERVICE_INTENTIONS, destination, body,
                existing.map(ConfigEntry::createIndex).orElse(0L), existing.map(ConfigEntry::modifyIndex).orElse(0L));
    }

    private static Intention intention(ConfigEntry entry, Map<String, Object> source) {
        String id = text(source, "LegacyID");
        Map<String, String> meta = id.isEmpty() ? entry.meta() : ServiceIntentions.stringMap(source, "LegacyMeta");
        List<Object> permissions = source.get("Permissions") instanceof List<?> l
                ? l.stream().<Object>map(ServiceIntentions::renderPermission).toList() : List.of();
        return new Intention(id, text(source, "Description"), text(source, "Peer"), text(source, "Name"),
                entry.name(), text(source, "Type"), text(source, "Action"), permissions, meta,
                source.get("Precedence") instanceof Number n ? n.intValue() : 0,
                Optional.ofNullable((String) source.get("LegacyCreateTime")),
                Optional.ofNullable((String) source.get("LegacyUpdateTime")), entry.createIndex(),
                entry.modifyIndex());
    }

    private static void requireKind(ConfigEntry entry) {
        if (!entry.kind().equals(ConfigEntries.SERVICE_INTENTIONS)) {
            throw new IllegalArgumentException("not a service-intentions entry: " + entry.kind());
        }
    }
}
