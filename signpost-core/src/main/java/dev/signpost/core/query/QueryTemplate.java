package dev.signpost.core.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.signpost.core.query.PreparedQuery.Failover;
import dev.signpost.core.query.PreparedQuery.ServiceQuery;
import dev.signpost.core.query.PreparedQuery.Target;

/**
 * A compiled prepared query template (Consul's {@code prepared_query.CompiledTemplate}): every string of the query's
 * {@code Service} parsed as an interpolation, the regexp compiled, and a trial render with the template's own name
 * done, so that a template that cannot render is refused when written. {@link #render} makes the query a looked-up
 * name stands for, with {@code ${name.full}}, {@code ${name.prefix}}, {@code ${name.suffix}}, {@code ${match(N)}}
 * and {@code ${agent.segment}} (always "": Signpost has no network segments). Immutable and thread-safe.
 */
public final class QueryTemplate {
    private final PreparedQuery query;
    private final Optional<Pattern> regexp;
    private final Map<String, Interpolation> strings = new LinkedHashMap<>();

    private QueryTemplate(PreparedQuery query, Optional<Pattern> regexp) {
        this.query = query;
        this.regexp = regexp;
    }

    /**
     * Compiles a template; {@link IllegalArgumentException} with Consul's message when it is not one (a bad type,
     * a bad format, a bad regexp or a failed trial render).
     */
    public static QueryTemplate compile(PreparedQuery query) {
        if (!query.template().type().equals(PreparedQuery.NAME_PREFIX_MATCH)) {
            throw new IllegalArgumentException("Bad Template.Type '" + query.template().type() + "'");
        }
        Optional<Pattern> regexp = Optional.empty();
        Map<String, Interpolation> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : fields(query.service()).entrySet()) {
            try {
                parsed.put(field.getKey(), Interpolation.parse(field.getValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Bad format '" + field.getValue() + "' in Service"
                        + field.getKey() + ": " + e.getMessage());
            }
        }
        if (!query.template().regexp().isEmpty()) {
            try {
                // Go's RE2 spells named groups (?P<name>...); Java has the same as (?<name>...).
                regexp = Optional.of(Pattern.compile(query.template().regexp().replace("(?P<", "(?<")));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("Bad Regexp: error parsing regexp: " + e.getDescription()
                        + ": `" + query.template().regexp() + "`");
            }
        }
        QueryTemplate result = new QueryTemplate(query, regexp);
        result.strings.putAll(parsed);
        result.render(query.name());
        return result;
    }

    /** The query a name stands for; IllegalArgumentException with Consul's message when it does not render. */
    public PreparedQuery render(String name) {
        List<String> matches = new ArrayList<>();
        regexp.ifPresent(re -> {
            Matcher m = re.matcher(name);
            if (m.find()) {
                for (int i = 0; i <= m.groupCount(); i++) {
                    matches.add(m.group(i) == null ? "" : m.group(i));
                }
            }
        });
        Map<String, String> variables = Map.of(
                "name.full", name,
                "name.prefix", query.name(),
                "name.suffix", name.startsWith(query.name()) ? name.substring(query.name().length()) : name,
                "agent.segment", "");
        Map<String, String> rendered = new LinkedHashMap<>();
        for (Map.Entry<String, Interpolation> field : strings.entrySet()) {
            String original = fields(query.service()).get(field.getKey());
            Interpolation.Value value;
            try {
                value = field.getValue().evaluate(variables,
                        i -> i >= 0 && i < matches.size() ? matches.get(i) : "");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Bad evaluation for '" + original + "' in Service"
                        + field.getKey() + ": " + e.getMessage());
            }
            if (!value.isString()) {
                throw new IllegalArgumentException("Expected Service" + field.getKey()
                        + " field to be a string, got " + value.typeName());
            }
            rendered.put(field.getKey(), (String) value.value());
        }
        return query.withService(rebuild(query.service(), rendered, query.template().removeEmptyTags()));
    }

    /** Every string of a service query by Consul's walk path (".Service", ".Tags[0]", ".NodeMeta[k]"), in order. */
    private static Map<String, String> fields(ServiceQuery s) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(".Service", s.service());
        for (int i = 0; i < s.failover().datacenters().size(); i++) {
            out.put(".Failover.Datacenters[" + i + "]", s.failover().datacenters().get(i));
        }
        for (int i = 0; i < s.failover().targets().size(); i++) {
            out.put(".Failover.Targets[" + i + "].Peer", s.failover().targets().get(i).peer());
            out.put(".Failover.Targets[" + i + "].Datacenter", s.failover().targets().get(i).datacenter());
        }
        for (int i = 0; i < s.ignoreCheckIds().size(); i++) {
            out.put(".IgnoreCheckIDs[" + i + "]", s.ignoreCheckIds().get(i));
        }
        out.put(".Near", s.near());
        for (int i = 0; i < s.tags().size(); i++) {
            out.put(".Tags[" + i + "]", s.tags().get(i));
        }
        new TreeMap<>(s.nodeMeta()).forEach((k, v) -> out.put(".NodeMeta[" + k + "]", v));
        new TreeMap<>(s.serviceMeta()).forEach((k, v) -> out.put(".ServiceMeta[" + k + "]", v));
        out.put(".Peer", s.peer());
        return out;
    }

    private static ServiceQuery rebuild(ServiceQuery s, Map<String, String> r, boolean removeEmptyTags) {
        List<String> datacenters = new ArrayList<>();
        for (int i = 0; i < s.failover().datacenters().size(); i++) {
            datacenters.add(r.get(".Failover.Datacenters[" + i + "]"));
        }
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < s.failover().targets().size(); i++) {
            targets.add(new Target(r.get(".Failover.Targets[" + i + "].Peer"),
                    r.get(".Failover.Targets[" + i + "].Datacenter")));
        }
        List<String> ignore = new ArrayList<>();
        for (int i = 0; i < s.ignoreCheckIds().size(); i++) {
            ignore.add(r.get(".IgnoreCheckIDs[" + i + "]"));
        }
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < s.tags().size(); i++) {
            String tag = r.get(".Tags[" + i + "]");
            if (!removeEmptyTags || !tag.isEmpty()) {
                tags.add(tag);
            }
        }
        Map<String, String> nodeMeta = new LinkedHashMap<>();
        s.nodeMeta().keySet().forEach(k -> nodeMeta.put(k, r.get(".NodeMeta[" + k + "]")));
        Map<String, String> serviceMeta = new LinkedHashMap<>();
        s.serviceMeta().keySet().forEach(k -> serviceMeta.put(k, r.get(".ServiceMeta[" + k + "]")));
        return new ServiceQuery(r.get(".Service"), new Failover(s.failover().nearestN(), datacenters, targets),
                s.onlyPassing(), ignore, r.get(".Near"), tags, nodeMeta, serviceMeta, s.connect(), r.get(".Peer"));
    }
}
