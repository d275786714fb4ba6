package dev.signpost.template.funcs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.signpost.template.lang.FunctionException;
import dev.signpost.template.lang.TemplateFunction;
import dev.signpost.template.lang.TemplateFunction.ArgType;

/**
 * The function map consul-template adds to Go's builtins, with denied functions replaced by one that fails, as
 * consul-template's {@code function_denylist} does. Not provided: Vault ({@code secret}, {@code secrets}), Connect
 * certificates and PKI ({@code caRoots}, {@code caLeaf}, {@code pkiCert}), Nomad, {@code partitions},
 * {@code peerings}, {@code exportedServices}, {@code importedServices}, {@code plugin}, {@code writeToFile},
 * {@code sockaddr}, the spew debug functions and {@code sprig_*}. Stateless.
 */
public final class ConsulFunctions {

    private static final Map<String, TemplateFunction> ALL;

    static {
        Map<String, TemplateFunction> m = new HashMap<>();
        ApiFunctions.register(m);
        StringFunctions.register(m);
        CollectionFunctions.register(m);
        MathFunctions.register(m);
        EncodingFunctions.register(m);
        ALL = Map.copyOf(m);
    }

    private static final TemplateFunction DENIED = TemplateFunction.variadic((inv, a) -> {
        throw new FunctionException("function is disabled");
    }, ArgType.STRING);

    private ConsulFunctions() {
    }

    /** The functions for a template, with every name matching a denylist glob disabled. */
    public static Map<String, TemplateFunction> forDenylist(List<String> denylist) {
        if (denylist.isEmpty()) {
            return ALL;
        }
        Map<String, TemplateFunction> m = new HashMap<>(ALL);
        for (String glob : denylist) {
            Pattern p = globPattern(glob);
            for (String name : ALL.keySet()) {
                if (p.matcher(name).matches()) {
                    m.put(name, DENIED);
                }
            }
        }
        return m;
    }

    private static Pattern globPattern(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                re.append(".*");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    static java.util.Set<String> names() {
        return ALL.keySet();
    }
}
