package dev.signpost.core.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.signpost.core.InvalidRequestException;
import dev.signpost.core.acl.RulesSyntax.Array;
import dev.signpost.core.acl.RulesSyntax.Entry;
import dev.signpost.core.acl.RulesSyntax.Obj;
import dev.signpost.core.acl.RulesSyntax.Text;
import dev.signpost.core.acl.RulesSyntax.Value;

/**
 * A policy's rules, parsed: what Consul's {@code acl.NewPolicyFromSource} makes of a policy's {@code Rules}
 * text, in HCL or JSON. Parsing is where bad rules are refused (400, naming the line), before anything is
 * replicated; the {@link Authorizer} only ever sees rules that parsed.
 */
public record Rules(List<Rule> rules) {
    public Rules {
        rules = List.copyOf(rules);
    }

    /** No rules at all: what an empty rules text means. */
    public static Rules none() {
        return new Rules(List.of());
    }

    /** Parses a rules text; refuses unknown resources, bad policies and {@code list} outside keys. */
    public static Rules parse(String text) {
        if (text.isBlank()) {
            return none();
        }
        List<Rule> rules = new ArrayList<>();
        for (Entry entry : RulesSyntax.parse(text).entries()) {
            String key = entry.key();
            boolean prefix = key.endsWith("_prefix");
            String word = prefix ? key.substring(0, key.length() - "_prefix".length()) : key;
            Optional<Resource> resource = Resource.byWord(word);
            if (resource.isEmpty() || (prefix && !resource.get().segmented())) {
                throw invalid(entry.line(), entry.column(), "unknown rule type '" + key + "'");
            }
            if (resource.get().segmented()) {
                segments(resource.get(), prefix, entry.value(), rules);
            } else {
                Text policy = text(entry.value(), key);
                rules.add(Rule.whole(resource.get(), access(resource.get(), policy)));
            }
        }
        return new Rules(rules);
    }

    private static void segments(Resource resource, boolean prefix, Value value, List<Rule> rules) {
        if (value instanceof Array array) {
            for (Value item : array.items()) {
                segments(resource, prefix, item, rules);
            }
            return;
        }
        if (!(value instanceof Obj obj)) {
            throw invalid(value.line(), value.column(), resource.word() + (prefix ? "_prefix" : "")
                    + " rules are blocks: " + resource.word() + " \"name\" { policy = \"read\" }");
        }
        for (Entry segment : obj.entries()) {
            blockRules(resource, prefix, segment, rules);
        }
    }

    /**
     * The rules one block gives: its policy, and for a service its intentions (Consul's policy_authorizer: without
     * {@code intentions}, {@code read} or {@code write} on a service reads its intentions, anything else denies).
     */
    private static void blockRules(Resource resource, boolean prefix, Entry segment, List<Rule> rules) {
        Value body = segment.value();
        if (body instanceof Array array && array.items().size() == 1) {
            body = array.items().getFirst();
        }
        if (!(body instanceof Obj obj)) {
            throw invalid(segment.line(), segment.column(), "the rule for " + resource.word() + " \""
                    + segment.key() + "\" must be a block with a policy");
        }
        Text policy = null;
        Text intentions = null;
        for (Entry field : obj.entries()) {
            switch (field.key()) {
                case "policy" -> policy = text(field.value(), "policy");
                case "intentions" -> intentions = text(field.value(), "intentions");
                default -> throw invalid(field.line(), field.column(), "unknown field '" + field.key() + "' in the "
                        + resource.word() + " rule for \"" + segment.key() + "\"");
            }
        }
        if (policy == null) {
            throw invalid(segment.line(), segment.column(), "the " + resource.word() + " rule for \""
                    + segment.key() + "\" has no policy");
        }
        Access access = access(resource, policy);
        rules.add(new Rule(resource, segment.key(), prefix, access));
        if (resource == Resource.SERVICE) {
            Access onIntentions = intentions != null ? access(Resource.INTENTION, intentions)
                    : access == Access.READ || access == Access.WRITE ? Access.READ : Access.DENY;
            rules.add(new Rule(Resource.INTENTION, segment.key(), prefix, onIntentions));
        } else if (intentions != null) {
            throw invalid(intentions.line(), intentions.column(), "unknown field 'intentions' in the "
                    + resource.word() + " rule for \"" + segment.key() + "\"");
        }
    }

    private static Access access(Resource resource, Text policy) {
        String word = policy.text().toLowerCase(Locale.ROOT);
        Access access = switch (word) {
            case "deny" -> Access.DENY;
            case "read" -> Access.READ;
            case "list" -> Access.LIST;
            case "write" -> Access.WRITE;
            default -> null;
        };
        if (access == null || (access == Access.LIST && !resource.allowsList())) {
            // Consul: "Invalid key policy: ..." naming the resource and the policy it could not take.
            String what = resource == Resource.INTENTION ? "service intentions" : resource.word();
            throw invalid(policy.line(), policy.column(), "Invalid " + what + " policy: \"" + policy.text() + "\"");
        }
        return access;
    }

    private static Text text(Value value, String what) {
        if (value instanceof Text t) {
            return t;
        }
        throw invalid(value.line(), value.column(), what + " must be a string");
    }

    private static InvalidRequestException invalid(int line, int column, String message) {
        return new InvalidRequestException("Failed to parse ACL rules: At " + line + ":" + column + ": " + message);
    }
}
