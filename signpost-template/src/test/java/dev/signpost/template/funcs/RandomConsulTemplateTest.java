package dev.signpost.template.funcs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.signpost.template.dependency.TemplateData;
import dev.signpost.template.lang.TemplateException;
import dev.signpost.template.render.ConsulTemplate;
import dev.signpost.template.render.RenderOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Property test: well-formed templates built at random from consul-template's functions, builtins, control
 * structures and literals render or fail only with a {@link TemplateException} carrying a position, against both the
 * fixture and an empty data source (the first pass). Seeded; the failing template is in the message.
 */
class RandomConsulTemplateTest {

    private static final String[] FUNCTIONS = ConsulFunctions.names().stream().sorted().toArray(String[]::new);
    private static final String[] BUILTINS = {"and", "or", "not", "len", "index", "slice", "eq", "ne", "lt", "le",
        "gt", "ge", "print", "printf", "println", "html", "js", "urlquery"};
    private static final String[] LITERALS = {"\"web\"", "\"web|any\"", "\"app\"", "\"app/name\"", "\"n1\"", "\"\"",
        "\"a,b\"", "\",\"", "\"x=1\"", "\"%v\"", "\"{\\\"a\\\":1}\"", "0", "1", "3", "-1", "2.5", "true", "false",
        "nil", ".", "$", "$v", "\"@dc2\"", "\"unix\"", "\"2006\""};
    private static final String[] FIELDS = {".ID", ".Name", ".Port", ".Tags", ".Node", ".Address", ".Key",
        ".Value", ".ServiceMeta.version", ".Status", ".Checks", ".Services", ".Node.Node", ".a", ".Get"};

    private final Random random = new Random(7L);

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private String operand(int depth) {
        return switch (random.nextInt(depth > 2 ? 2 : 4)) {
            case 0 -> pick(LITERALS);
            case 1 -> pick(FIELDS);
            case 2 -> "(" + command(depth + 1) + ")";
            default -> "(" + command(depth + 1) + ")" + pick(FIELDS);
        };
    }

    private String command(int depth) {
        String fn = random.nextBoolean() ? pick(FUNCTIONS) : pick(BUILTINS);
        StringBuilder b = new StringBuilder(fn);
        int args = random.nextInt(4);
        for (int i = 0; i < args; i++) {
            b.append(' ').append(operand(depth));
        }
        return b.toString();
    }

    private String pipeline(int depth) {
        StringBuilder b = new StringBuilder(command(depth));
        while (random.nextInt(3) == 0) {
            b.append(" | ").append(pick(FUNCTIONS));
        }
        return b.toString();
    }

    private String body(int depth) {
        List<String> parts = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            parts.add(switch (depth > 2 ? 0 : random.nextInt(6)) {
                case 0 -> "{{" + pipeline(depth) + "}}";
                case 1 -> "{{range $v := " + pipeline(depth) + "}}" + body(depth + 1) + "{{else}}e{{end}}";
                case 2 -> "{{if " + pipeline(depth) + "}}" + body(depth + 1) + "{{else}}" + body(depth + 1)
                        + "{{end}}";
                case 3 -> "{{with $v := " + pipeline(depth) + "}}" + body(depth + 1) + "{{end}}";
                case 4 -> "{{$v := " + pipeline(depth) + "}}{{$v}}";
                default -> "text\n";
            });
        }
        return String.join("", parts);
    }

    @Test
    void randomWellFormedTemplatesOnlyEverFailWithATemplateException() {
        RenderOptions options = RenderOptions.defaults().withEnv(FunctionConformanceTest.ENV)
                .withClock(FunctionConformanceTest.CLOCK);
        int rendered = 0;
        int failed = 0;
        for (int i = 0; i < 4_000; i++) {
            String text = "{{$v := 0}}" + body(0);
            for (TemplateData data : List.of(FunctionConformanceTest.FIXTURE, TemplateData.empty())) {
                try {
                    ConsulTemplate.parse(text, options).execute(data);
                    rendered++;
                } catch (TemplateException e) {
                    failed++;
                    assertThat(e.getMessage()).as(text).startsWith("template: :");
                    assertThat(e.line()).as(text).isPositive();
                } catch (RuntimeException | StackOverflowError e) {
                    fail("iteration " + i + " threw " + e + " for template: " + text, e);
                }
            }
        }
        // The generator must exercise both outcomes, or the property proves little.
        assertThat(rendered).isGreaterThan(500);
        assertThat(failed).isGreaterThan(500);
    }
}
