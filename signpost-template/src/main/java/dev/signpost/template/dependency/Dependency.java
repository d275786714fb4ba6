package dev.signpost.template.dependency;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.signpost.template.lang.FunctionException;
import dev.signpost.template.lang.GoStrings;

import static java.util.Objects.requireNonNull;

/**
 * One registry query a template made, parsed from a function argument with consul-template's grammar. Records are
 * values: equal queries are the same dependency, so a runner can watch each once. Absent parts are empty strings.
 * {@link #toString()} is consul-template's name for the dependency, e.g. {@code health.service(web|passing)}.
 */
public sealed interface Dependency {

    /** [[:word:]] in Go's RE2 is ASCII letters, digits and underscore. */
    String WORD = "A-Za-z0-9_";
    String DC = "(@(?<dc>[" + WORD + ".\\-]+))?";
    String QUERY = "(\\?(?<query>[" + WORD + "\\-=&]+))?";
    String NEAR = "(~(?<near>[" + WORD + ".\\-]+))?";

    /**
     * {@code service "[tag.]name[?query][@dc][~near][|filter,...]"}: healthy instances of a service, or with
     * {@code connect} the Connect-capable endpoints {@code connect} asks for. filters is sorted and never empty;
     * without a filter it is {@code [passing]}, and the runner may then ask the registry for passing instances only.
     */
    record ServiceQuery(String tag, String name, String query, String dc, String near, List<String> filters,
                        boolean connect) implements Dependency {

        private static final Pattern PATTERN = Pattern.compile("\\A((?<tag>[" + WORD + "=:.\\-]+)\\.)?(?<name>["
                + WORD + "\\-]+)" + QUERY + DC + NEAR + "(\\|(?<filter>[" + WORD + ",]+))?\\z");
        private static final List<String> KNOWN = List.of("any", "passing", "warning", "critical", "maintenance");

        public ServiceQuery {
            requireNonNull(tag, "tag");
            requireNonNull(name, "name");
            requireNonNull(query, "query");
            requireNonNull(dc, "dc");
            requireNonNull(near, "near");
            filters = List.copyOf(filters);
        }

        /** A plain (non-Connect) service query. */
        public ServiceQuery(String tag, String name, String query, String dc, String near, List<String> filters) {
            this(tag, name, query, dc, near, filters, false);
        }

        /** Parses a {@code service} argument; errors carry consul-template's message. */
        public static ServiceQuery parse(String s) {
            return parse(s, false);
        }

        /** Parses a {@code connect} argument. */
        public static ServiceQuery parseConnect(String s) {
            return parse(s, true);
        }

        private static ServiceQuery parse(String s, boolean connect) {
            Matcher m = matched(PATTERN, s, "health.service");
            List<String> filters = new ArrayList<>();
            String filter = group(m, "filter");
            if (!filter.isEmpty()) {
                for (String f : filter.split(",", -1)) {
                    f = f.strip();
                    if (KNOWN.contains(f)) {
                        filters.add(f);
                    } else if (!f.isEmpty()) {
                        throw new FunctionException("health.service: invalid filter: " + GoStrings.quote(f) + " in "
                                + GoStrings.quote(s));
                    }
                }
                filters.sort(null);
            } else {
                filters.add("passing");
            }
            return new ServiceQuery(group(m, "tag"), group(m, "name"), group(m, "query"), group(m, "dc"),
                    group(m, "near"), filters, connect);
        }

        /** Whether an instance with this aggregated status passes the filter. */
        public boolean accepts(String status) {
            return filters.contains("any") || filters.contains(status);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            if (!tag.isEmpty()) {
                b.append(tag).append('.');
            }
            b.append(name);
            if (!dc.isEmpty()) {
                b.append('@').append(dc);
            }
            if (!near.isEmpty()) {
                b.append('~').append(near);
            }
            if (!filters.isEmpty()) {
                b.append('|').append(String.join(",", filters));
            }
            return (connect ? "health.connect(" : "health.service(") + b + ")";
        }
    }

    /** {@code services "[?query][@dc]"}: every service name in the catalog with its tags. */
    record ServicesQuery(String query, String dc) implements Dependency {

        private static final Pattern PATTERN = Pattern.compile("\\A" + QUERY + DC + "\\z");

        public ServicesQuery {
            requireNonNull(query, "query");
            requireNonNull(dc, "dc");
        }

        public static ServicesQuery parse(String s) {
            Matcher m = matched(PATTERN, s, "catalog.services");
            return new ServicesQuery(group(m, "query"), group(m, "dc"));
        }

        @Override
        public String toString() {
            return dc.isEmpty() ? "catalog.services" : "catalog.services(@" + dc + ")";
        }
    }

    /** {@code node "[name][?query][@dc]"}: one node and its services; an empty name means the local agent's node. */
    record NodeQuery(String name, String query, String dc) implements Dependency {

        private static final Pattern PATTERN = Pattern.compile("\\A(?<name>[" + WORD + ".\\-]+)" + QUERY + DC
                + "\\z");

        public NodeQuery {
            requireNonNull(name, "name");
            requireNonNull(query, "query");
            requireNonNull(dc, "dc");
        }

        public static NodeQuery parse(String s) {
            if (s.isEmpty()) {
                return new NodeQuery("", "", "");
            }
            Matcher m = matched(PATTERN, s, "catalog.node");
            return new NodeQuery(group(m, "name"), group(m, "query"), group(m, "dc"));
        }

        @Override
        public String toString() {
            String n = name + marked('@', dc);
            return n.isEmpty() ? "catalog.node" : "catalog.node(" + n + ")";
        }
    }

    /** {@code nodes "[?query][@dc][~near]"}: every node in a datacenter. */
    record NodesQuery(String query, String dc, String near) implements Dependency {

        private static final Pattern PATTERN = Pattern.compile("\\A" + QUERY + DC + NEAR + "\\z");

        public NodesQuery {
            requireNonNull(query, "query");
            requireNonNull(dc, "dc");
            requireNonNull(near, "near");
        }

        public static NodesQuery parse(String s) {
            Matcher m = matched(PATTERN, s, "catalog.nodes");
            return new NodesQuery(group(m, "query"), group(m, "dc"), group(m, "near"));
        }

        @Override
        public String toString() {
            String n = marked('@', dc) + marked('~', near);
            return n.isEmpty() ? "catalog.nodes" : "catalog.nodes(" + n + ")";
        }
    }

    /**
     * {@code key}, {@code keyExists} and {@code keyOrDefault "path[?query][@dc]"}: one key. {@code key} blocks
     * while the key is absent (blocking is true), the others do not.
     */
    record KeyQuery(String key, String query, String dc, boolean blocking) implements Dependency {

        private static final Pattern PATTERN = Pattern.compile("\\A/?(?<key>[^@?]+)" + QUERY + DC + "\\z");

        public KeyQuery {
            requireNonNull(key, "key");
            requireNonNull(query, "query");
            requireNonNull(dc, "dc");
        }

        public static KeyQuery parse(String s, boolean blocking) {
            Matcher m = matched(PATTERN, s, "kv.get");
            return new KeyQuery(group(m, "key"), group(m, "query"), group(m, "dc"), blocking);
        }

        @Override
        public String toString() {
            String k = key + marked('@', dc);
            return blocking ? "kv.block(" + k + ")" : "kv.get(" + k + ")";
        }
    }

    /** {@code ls}, {@code tree}, {@code safeLs}, {@code safeTree "prefix[?query][@dc]"}: every key under a prefix. */
    record KeyPrefixQuery(String prefix, String query, String dc) implements Dependency {

        private static final Pattern PATTERN = Pattern.compile("\\A/?(?<prefix>[^@?]+)" + QUERY + DC + "\\z");

        public KeyPrefixQuery {
            requireNonNull(prefix, "prefix");
            requireNonNull(query, "query");
            requireNonNull(dc, "dc");
        }

        public static KeyPrefixQuery parse(String s) {
            Matcher m = matched(PATTERN, s, "kv.list");
            return new KeyPrefixQuery(group(m, "prefix"), group(m, "query"), group(m, "dc"));
        }

        @Override
        public String toString() {
            return "kv.list(" + prefix + marked('@', dc) + ")";
        }
    }

    /** {@code datacenters [ignoreInaccessible]}: every known datacenter. */
    record DatacentersQuery(boolean ignoreInaccessible) implements Dependency {
        @Override
        public String toString() {
            return "catalog.datacenters";
        }
    }

    /** {@code file "path"}: the contents of a local file, watched like any other dependency. */
    record FileQuery(String path) implements Dependency {
        public FileQuery {
            requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return "file(" + path + ")";
        }
    }

    /** The mark and the value ("@dc", "~near"), or nothing for an empty value: how the names show an option. */
    private static String marked(char mark, String value) {
        return value.isEmpty() ? "" : mark + value;
    }

    /** The pattern's match of s; an argument that does not match fails as consul-template's function does. */
    private static Matcher matched(Pattern pattern, String s, String function) {
        Matcher m = pattern.matcher(s);
        if (!m.matches()) {
            throw new FunctionException(function + ": invalid format: " + GoStrings.quote(s));
        }
        return m;
    }

    private static String group(Matcher m, String name) {
        String g = m.group(name);
        return g == null ? "" : g;
    }
}
