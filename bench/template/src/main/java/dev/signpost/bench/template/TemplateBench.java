package dev.signpost.bench.template;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.signpost.template.dependency.HealthService;
import dev.signpost.template.dependency.TemplateData;
import dev.signpost.template.render.ConsulTemplate;
import dev.signpost.template.render.RenderOptions;
import dev.signpost.template.render.RenderResult;

/**
 * Parse+render and render-only of consul-template templates, against the "no template engine" floor: a StringBuilder
 * loop writing the same output from the same lists.
 *
 * <ul>
 *   <li>large: an HAProxy backend per service (the seed's backend section, with {@code range services} around it)
 *       over 1,000 services x 10 instances; one pass uses 1,001 dependencies. Target: render under 20 ms.</li>
 *   <li>small: the seed's {@code {{range service "webapp"}}\nserver {{.Address}}:{{.Port}}{{end}}} over 3
 *       instances.</li>
 * </ul>
 *
 * Every trial first checks that the template's output equals the baseline's, byte for byte, and is complete.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TemplateBench {

    static final String LARGE = """
            {{range services}}backend {{.Name}}
              balance roundrobin{{range service .Name}}
              server {{.Node}}_{{.Port}} {{.Address}}:{{.Port}} check{{end}}
            {{end}}""";

    static final String SMALL = "{{range service \"webapp\"}}\nserver {{.Address}}:{{.Port}}{{end}}";

    private RenderOptions options;
    private Catalog large;
    private Catalog small;
    private ConsulTemplate largeTemplate;
    private ConsulTemplate smallTemplate;

    @Setup
    public void setUp() {
        options = RenderOptions.defaults();
        large = Catalog.of(1000, 10);
        small = Catalog.seed();
        largeTemplate = ConsulTemplate.parse(LARGE, options);
        smallTemplate = ConsulTemplate.parse(SMALL, options);
        check("large", largeTemplate, large.data, largeBaseline(large));
        check("small", smallTemplate, small.data, smallBaseline(small));
    }

    private static void check(String name, ConsulTemplate template, TemplateData data, String expected) {
        RenderResult r = template.execute(data);
        if (!r.complete() || !r.output().equals(expected)) {
            throw new IllegalStateException(name + ": the template's output differs from the baseline's (complete="
                    + r.complete() + ", " + r.output().length() + " vs " + expected.length() + " chars)");
        }
    }

    @Benchmark
    public String largeParseRender() {
        return ConsulTemplate.parse(LARGE, options).execute(large.data).output();
    }

    @Benchmark
    public String largeRender() {
        return largeTemplate.execute(large.data).output();
    }

    @Benchmark
    public String largeBaseline() {
        return largeBaseline(large);
    }

    @Benchmark
    public String smallParseRender() {
        return ConsulTemplate.parse(SMALL, options).execute(small.data).output();
    }

    @Benchmark
    public String smallRender() {
        return smallTemplate.execute(small.data).output();
    }

    @Benchmark
    public String smallBaseline() {
        return smallBaseline(small);
    }

    private static String largeBaseline(Catalog c) {
        StringBuilder b = new StringBuilder();
        for (var service : c.services) {
            b.append("backend ").append(service.name()).append("\n  balance roundrobin");
            for (HealthService s : c.instances.get(service.name())) {
                b.append("\n  server ").append(s.node()).append('_').append(s.port()).append(' ')
                        .append(s.address()).append(':').append(s.port()).append(" check");
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String smallBaseline(Catalog c) {
        StringBuilder b = new StringBuilder();
        List<HealthService> instances = c.instances.get("webapp");
        for (HealthService s : instances) {
            b.append("\nserver ").append(s.address()).append(':').append(s.port());
        }
        return b.toString();
    }
}
