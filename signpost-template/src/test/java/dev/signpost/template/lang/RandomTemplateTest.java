package dev.signpost.template.lang;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Property test: whatever text it is given, parsing and executing either succeeds or fails with a
 * {@link TemplateException} that says where (Go's "template: NAME:LINE..." prefix and a line number). Seeded, so a
 * failure reproduces; the seed and the input are in the failure message.
 */
class RandomTemplateTest {

    private static final String[] TOKENS = {
        "{{", "}}", "{{- ", " -}}", "{{/*", "*/}}", " ", "\n", "\t", "if", "else", "end", "range", "with", "define",
        "template", "block", "break", "continue", "\"a\"", "\"x\"", "`raw`", "'c'", "1", "-2", "3.5", "0x1F", "1e3",
        "2i", "true", "false", "nil", ".", ".A", ".b.c", "$", "$x", "$y", ":=", "=", "|", "(", ")", ",", "and",
        "or", "not", "len", "index", "slice", "eq", "ne", "lt", "le", "gt", "ge", "print", "printf", "println",
        "html", "js", "urlquery", "call", "\"%d %s %v %q %x %5.2f %!\"", "else if", "else with", "-", ":", "x",
        "foo", "@", "#", "\"\\n\"", "\"unterminated", "`", "'", "{{define \"t\"}}", "{{template \"t\" .}}", "é",
    };

    private static final Object DATA = Map.of(
            "A", List.of(1L, 2L, 3L),
            "b", Map.of("c", "s", "d", 2.5),
            "s", "str",
            "n", 7L,
            "l", List.of(Map.of("x", 1L), "y"));

    @Test
    void randomTokenSequencesOnlyEverFailWithATemplateException() {
        Random random = new Random(20261125L);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + random.nextInt(24);
            for (int k = 0; k < n; k++) {
                b.append(TOKENS[random.nextInt(TOKENS.length)]);
                if (random.nextInt(3) == 0) {
                    b.append(' ');
                }
            }
            check(b.toString(), i);
        }
    }

    @Test
    void randomBytesOnlyEverFailWithATemplateException() {
        Random random = new Random(42L);
        for (int i = 0; i < 5_000; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            check(text, i);
            check("{{" + text + "}}", i);
        }
    }

    @Test
    void deeplyNestedInputFailsCleanly() {
        check("{{" + "(".repeat(20_000) + "1" + ")".repeat(20_000) + "}}", 0);
        check("{{if 1}}".repeat(5_000) + "{{end}}".repeat(5_000), 0);
        check("{{define \"a\"}}{{template \"a\"}}{{end}}{{template \"a\"}}", 0);
    }

    private static void check(String text, int iteration) {
        try {
            Template t = Template.parse("fuzz", text, TemplateOptions.defaults().withMissingKey(MissingKey.ZERO));
            t.execute(DATA);
        } catch (TemplateException e) {
            assertThat(e.getMessage()).as("iteration %d: %s", iteration, text).startsWith("template: fuzz:");
            assertThat(e.line()).as("iteration %d: %s", iteration, text).isPositive();
        } catch (RuntimeException | StackOverflowError e) {
            fail("iteration " + iteration + " threw " + e + " for template: " + text, e);
        }
    }
}
