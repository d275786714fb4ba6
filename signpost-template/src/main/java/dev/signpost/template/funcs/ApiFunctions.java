package dev.signpost.template.funcs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.signpost.template.dependency.CatalogNode;
import dev.signpost.template.dependency.CatalogSnippet;
import dev.signpost.template.dependency.Dependency.DatacentersQuery;
import dev.signpost.template.dependency.Dependency.FileQuery;
import dev.signpost.template.dependency.Dependency.KeyPrefixQuery;
import dev.signpost.template.dependency.Dependency.KeyQuery;
import dev.signpost.template.dependency.Dependency.NodeQuery;
import dev.signpost.template.dependency.Dependency.NodesQuery;
import dev.signpost.template.dependency.Dependency.ServiceQuery;
import dev.signpost.template.dependency.Dependency.ServicesQuery;
import dev.signpost.template.dependency.HealthService;
import dev.signpost.template.dependency.KeyPair;
import dev.signpost.template.dependency.NodeInfo;
import dev.signpost.template.dependency.TemplateData.KeyLookup;
import dev.signpost.template.dependency.TemplateData.NodeLookup;
import dev.signpost.template.lang.FunctionException;
import dev.signpost.template.lang.GoSlice;
import dev.signpost.template.lang.TemplateFunction;
import dev.signpost.template.lang.TemplateFunction.ArgType;

/**
 * consul-template's registry functions (template/funcs.go *Func): each parses its argument into a
 * {@link dev.signpost.template.dependency.Dependency} and reads its answer through {@link RenderContext#answer},
 * which records the dependency as used, and as missing while it has no answer; the function then returns the empty
 * value consul-template returns ({@code []}, {@code ""}, false or nil). Stateless; per-render state lives in
 * {@link RenderContext}.
 */
final class ApiFunctions {

    private ApiFunctions() {
    }

    static void register(Map<String, TemplateFunction> m) {
        m.put("service", TemplateFunction.variadic((inv, a) -> service(inv, a, false), ArgType.STRING));
        m.put("connect", TemplateFunction.variadic((inv, a) -> service(inv, a, true), ArgType.STRING));
        m.put("services", TemplateFunction.variadic(ApiFunctions::services, ArgType.STRING));
        m.put("node", TemplateFunction.variadic(ApiFunctions::node, ArgType.STRING));
        m.put("nodes", TemplateFunction.variadic(ApiFunctions::nodes, ArgType.STRING));
        m.put("key", TemplateFunction.of(ApiFunctions::key, ArgType.STRING));
        m.put("keyExists", TemplateFunction.of(ApiFunctions::keyExists, ArgType.STRING));
        TemplateFunction keyOrDefault = TemplateFunction.of(ApiFunctions::keyOrDefault, ArgType.STRING, ArgType.STRING);
        m.put("keyOrDefault", keyOrDefault);
        // consul-template 0.14 spelled it with underscores; the seed's templates may still use that name.
        m.put("key_or_default", keyOrDefault);
        m.put("ls", TemplateFunction.of((inv, a) -> list(inv, a, true, true), ArgType.STRING));
        m.put("safeLs", TemplateFunction.of((inv, a) -> list(inv, a, true, false), ArgType.STRING));
        m.put("tree", TemplateFunction.of((inv, a) -> list(inv, a, false, true), ArgType.STRING));
        m.put("safeTree", TemplateFunction.of((inv, a) -> list(inv, a, false, false), ArgType.STRING));
        m.put("datacenters", TemplateFunction.variadic(ApiFunctions::datacenters, ArgType.BOOL));
        m.put("file", TemplateFunction.of(ApiFunctions::file, ArgType.STRING));
    }

    private static String joined(List<Object> args, String sep) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                b.append(sep);
            }
            b.append((String) args.get(i));
        }
        return b.toString();
    }

    private static final Comparator<HealthService> BY_NODE_THEN_ID =
            Comparator.comparing(HealthService::node).thenComparing(HealthService::id);

    private static Object service(TemplateFunction.Invocation inv, List<Object> args, boolean connect) {
        if (args.isEmpty() || ((String) args.getFirst()).isEmpty()) {
            return GoSlice.of("*dependency.HealthService", List.of());
        }
        RenderContext ctx = RenderContext.of(inv);
        String spec = joined(args, "|");
        ServiceQuery q = connect ? ServiceQuery.parseConnect(spec) : ServiceQuery.parse(spec);
        List<HealthService> result = new ArrayList<>();
        for (HealthService s : ctx.answer(q, ctx.data::service).orElse(List.of())) {
            if (q.accepts(s.status())) {
                result.add(s);
            }
        }
        if (q.near().isEmpty()) {
            result.sort(BY_NODE_THEN_ID);
        }
        return GoSlice.of("*dependency.HealthService", result);
    }

    private static Object services(TemplateFunction.Invocation inv, List<Object> args) {
        RenderContext ctx = RenderContext.of(inv);
        ServicesQuery q = ServicesQuery.parse(joined(args, ""));
        List<CatalogSnippet> result = new ArrayList<>();
        for (CatalogSnippet s : ctx.answer(q, ctx.data::services).orElse(List.of())) {
            List<String> tags = new ArrayList<>(s.tags());
            tags.sort(null);
            result.add(new CatalogSnippet(s.name(), tags));
        }
        result.sort(Comparator.comparing(CatalogSnippet::name));
        return GoSlice.of("*dependency.CatalogSnippet", result);
    }

    private static Object node(TemplateFunction.Invocation inv, List<Object> args) {
        RenderContext ctx = RenderContext.of(inv);
        Optional<NodeLookup> answer = ctx.answer(NodeQuery.parse(joined(args, "")), ctx.data::node);
        if (answer.isEmpty()) {
            return null;
        }
        return answer.get().node().<Object>map(n -> CatalogNode.of(n.node(), n.services())).orElse(CatalogNode.NIL);
    }

    private static Object nodes(TemplateFunction.Invocation inv, List<Object> args) {
        RenderContext ctx = RenderContext.of(inv);
        NodesQuery q = NodesQuery.parse(joined(args, ""));
        List<NodeInfo> result = new ArrayList<>(ctx.answer(q, ctx.data::nodes).orElse(List.of()));
        if (q.near().isEmpty()) {
            result.sort(Comparator.comparing(NodeInfo::node).thenComparing(NodeInfo::address));
        }
        return GoSlice.of("*dependency.Node", result);
    }

    private static Object key(TemplateFunction.Invocation inv, List<Object> args) {
        String s = (String) args.getFirst();
        if (s.isEmpty()) {
            return "";
        }
        RenderContext ctx = RenderContext.of(inv);
        KeyQuery q = KeyQuery.parse(s, true);
        Optional<KeyLookup> answer = ctx.answer(q, ctx.data::key).filter(KeyLookup::exists);
        // key blocks while the key is absent: an absent key counts as missing, so the template is not written.
        if (answer.isEmpty()) {
            ctx.miss(q);
        }
        return answer.map(KeyLookup::value).orElse("");
    }

    private static Object keyExists(TemplateFunction.Invocation inv, List<Object> args) {
        String s = (String) args.getFirst();
        if (s.isEmpty()) {
            return false;
        }
        RenderContext ctx = RenderContext.of(inv);
        return ctx.answer(KeyQuery.parse(s, false), ctx.data::key).map(KeyLookup::exists).orElse(false);
    }

    private static Object keyOrDefault(TemplateFunction.Invocation inv, List<Object> args) {
        String s = (String) args.get(0);
        String def = (String) args.get(1);
        if (s.isEmpty()) {
            return def;
        }
        RenderContext ctx = RenderContext.of(inv);
        return ctx.answer(KeyQuery.parse(s, false), ctx.data::key).filter(KeyLookup::exists).map(KeyLookup::value)
                .filter(v -> !v.isEmpty()).orElse(def);
    }

    private static Object list(TemplateFunction.Invocation inv, List<Object> args, boolean topLevelOnly,
                               boolean emptyIsSafe) {
        String s = (String) args.getFirst();
        if (s.isEmpty()) {
            return GoSlice.of("*dependency.KeyPair", List.of());
        }
        RenderContext ctx = RenderContext.of(inv);
        KeyPrefixQuery q = KeyPrefixQuery.parse(s);
        Optional<List<KeyPair>> answer = ctx.answer(q, ctx.data::keyPrefix);
        List<KeyPair> result = new ArrayList<>();
        for (KeyPair raw : answer.orElse(List.of())) {
            KeyPair pair = raw.relativeTo(q.prefix());
            String k = pair.key();
            boolean keep = topLevelOnly ? !k.isEmpty() && k.indexOf('/') < 0 : !k.endsWith("/") && !k.isEmpty();
            if (keep) {
                result.add(pair);
            }
        }
        // safeLs and safeTree refuse to render an empty prefix: it counts as missing.
        if (answer.isPresent() && result.isEmpty() && !emptyIsSafe) {
            ctx.miss(q);
        }
        return GoSlice.of("*dependency.KeyPair", result);
    }

    private static Object datacenters(TemplateFunction.Invocation inv, List<Object> args) {
        if (args.size() > 1) {
            throw new FunctionException("datacenters: wrong number of arguments, expected 0 or 1, but got "
                    + args.size());
        }
        RenderContext ctx = RenderContext.of(inv);
        DatacentersQuery q = new DatacentersQuery(!args.isEmpty() && (Boolean) args.getFirst());
        List<String> sorted = new ArrayList<>(ctx.answer(q, ctx.data::datacenters).orElse(List.of()));
        sorted.sort(null);
        return GoSlice.ofStrings(sorted);
    }

    private static Object file(TemplateFunction.Invocation inv, List<Object> args) {
        String s = (String) args.getFirst();
        if (s.isEmpty()) {
            return "";
        }
        RenderContext ctx = RenderContext.of(inv);
        return ctx.answer(new FileQuery(s.strip()), ctx.data::file).orElse("");
    }
}
