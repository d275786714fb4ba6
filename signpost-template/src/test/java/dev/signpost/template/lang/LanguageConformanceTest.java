package dev.signpost.template.lang;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Go text/template conformance: each case in {@code language.cases} is a template, optional data and the output or
 * error text Go produces for it. The template is named "t", as in Go's own tests.
 */
class LanguageConformanceTest {

    private static final List<ConformanceCases.Case> CASES = ConformanceCases.load("/language.cases");

    @TestFactory
    Stream<DynamicTest> everyCaseRendersWhatGoRenders() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
    }

    @Test
    void theSuiteIsNotEmpty() {
        assertThat(CASES).hasSizeGreaterThan(100);
    }

    static void check(ConformanceCases.Case c) {
        MissingKey mk = switch (c.missingKey()) {
            case "error" -> MissingKey.ERROR;
            case "invalid" -> MissingKey.INVALID;
            default -> MissingKey.ZERO;
        };
        TemplateOptions options = TemplateOptions.defaults().withMissingKey(mk);
        if (!c.delims().isEmpty()) {
            String[] d = c.delims().split(" ");
            options = options.withDelimiters(d[0], d[1]);
        }
        TemplateOptions opts = options;
        if (c.isError()) {
            assertThatThrownBy(() -> Template.parse("t", c.template(), opts).execute(c.data()))
                    .as(c.toString())
                    .isInstanceOf(TemplateException.class)
                    .hasMessage(c.expected());
        } else {
            assertThat(Template.parse("t", c.template(), options).execute(c.data())).as(c.toString())
                    .isEqualTo(c.expected());
        }
    }
}
