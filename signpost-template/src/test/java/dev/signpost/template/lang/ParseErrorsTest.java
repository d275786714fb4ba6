package dev.signpost.template.lang;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Go's parse_test.go expectations: the errorTests table (the message must contain Go's text, with the template
 * named after the test) and the inputs Go must reject.
 */
class ParseErrorsTest {

    private static TemplateException parseError(String name, String text) {
        try {
            Template.parse(name, text, TemplateOptions.defaults());
        } catch (TemplateException e) {
            return e;
        }
        throw new AssertionError("expected a parse error for " + text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '§', quoteCharacter = '^', value = {
        "unclosed1§line1\\n{{§unclosed1:2: unclosed action",
        "unclosed2§line1\\n{{define `x`}}line2\\n{{§unclosed2:3: unclosed action",
        "unclosed3§line1\\n{{\"x\"\\n\"y\"\\n§unclosed3:4: unclosed action started at unclosed3:2",
        "unclosed4§{{\\n\\n\\n\\n\\n§unclosed4:6: unclosed action started at unclosed4:1",
        "var1§line1\\n{{\\nx\\n}}§var1:3: function \"x\" not defined",
        "function§{{foo}}§function \"foo\" not defined",
        "comment1§{{/*}}§comment1:1: unclosed comment",
        "comment2§{{/*\\nhello\\n}}§comment2:1: unclosed comment",
        "lparen§{{.X (1 2 3}}§unclosed left paren",
        "rparen§{{.X 1 2 3 ) }}§unexpected right paren",
        "rparen2§{{(.X 1 2 3§unclosed action",
        "space§{{`x`3}}§in operand",
        "idchar§{{a#}}§'#'",
        "charconst§{{'a}}§unterminated character constant",
        "stringconst§{{\"a}}§unterminated quoted string",
        "rawstringconst§{{`a}}§unterminated raw quoted string",
        "number§{{0xi}}§number syntax",
        "multidefine§{{define `a`}}a{{end}}{{define `a`}}b{{end}}§multiple definition of template",
        "eof§{{range .X}}§unexpected EOF",
        "variable§{{$x := 23}}{{with $x.y := 3}}{{$x 23}}{{end}}§unexpected \":=\"",
        "multidecl§{{$a,$b,$c := 23}}§too many declarations",
        "undefvar§{{$a}}§undefined variable",
        "wrongdot§{{true.any}}§unexpected . after term",
        "wrongpipeline§{{12|false}}§non executable command in pipeline",
        "emptypipeline§{{ ( ) }}§missing value for parenthesized pipeline",
        "multilinerawstring§{{ $v := `\\n` }} {{§multilinerawstring:2: unclosed action",
        "rangeundefvar§{{range $k}}{{end}}§undefined variable",
        "rangeundefvars§{{range $k, $v}}{{end}}§undefined variable",
        "rangemissingvalue1§{{range $k,}}{{end}}§missing value for range",
        "rangemissingvalue2§{{range $k, $v := }}{{end}}§missing value for range",
        "rangenotvariable1§{{range $k, .}}{{end}}§range can only initialize variables",
        "rangenotvariable2§{{range $k, 123 := .}}{{end}}§range can only initialize variables"})
    void errorMessagesContainGosText(String name, String text, String expected) {
        assertThat(parseError(name, text.replace("\\n", "\n")).getMessage()).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "hello{{range", "{{end}}", "{{else}}", "{{if .X}}hello{{end}}{{else}}", "{{if .X}}1{{else}}2{{else}}3{{end}}",
        "hello{{range .x}}", "hello{{range .x}}{{else}}", "hello{{undefined}}", "{{$x}}",
        "{{with $x := 4}}{{end}}{{$x}}", "{{template $v}}", "{{with $x.Y := 4}}{{end}}", "{{template .X}}",
        "{{printf 3, 4}}", "{{with $v, $u := 3}}{{end}}", "{{range $u, $v, $w := 3}}{{end}}",
        "{{printf (printf .).}}", "{{printf 3`x`}}", "{{printf `x`.}}", "{{if .X}}a{{else if .Y}}b{{end}}{{end}}",
        "{{range .}}{{end}} {{break}}", "{{range .}}{{end}} {{continue}}", "{{range .}}{{else}}{{break}}{{end}}",
        "{{range .}}{{else}}{{continue}}{{end}}", "{{$x += 1}}{{$x}}", "{{$x ! 2}}{{$x}}", "{{$x % 3}}{{$x}}",
        "{{range $x := $y := 3}}{{end}}", "{{$x:=.}}{{$x!2}}", "{{$x:=.}}{{$x+2}}", "{{1.E}}", "{{0.1.E}}",
        "{{true.E}}", "{{'a'.any}}", "{{\"hello\".guys}}", "{{..E}}", "{{nil.E}}", "{{12|.}}", "{{.|12|printf}}",
        "{{.|printf|\"error\"}}", "{{12|printf|'e'}}", "{{.|true}}", "{{'c'|nil}}", "{{printf \"%d\" ( ) }}",
        "{{block \"foo\"}}hello{{end}}"})
    void goRejectsTheseTemplates(String text) {
        assertThatThrownBy(() -> Template.parse("t", text, TemplateOptions.defaults()))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("template: t:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{$x := 0}}{{$x}}", "{{$x:=.}}{{$x +2}}", "{{range $x := 0}}{{$x}}{{end}}",
        "{{range $x = 0}}{{$x}}{{end}}", "{{range .SI}}{{.}}{{ continue }}{{end}}", "{{/*\n\n\n*/}}",
        "x \r\n\t{{- /* hi */}}", "{{/* hi */ -}}\n\n\ty"})
    void goAcceptsTheseTemplates(String text) {
        assertThatCode(() -> Template.parse("t", text, TemplateOptions.defaults())).doesNotThrowAnyException();
    }

    @Test
    void aFunctionNamedBreakTurnsTheKeywordIntoAFunction() {
        String text = "{{range .}}{{break 20}}{{end}}";
        assertThatThrownBy(() -> Template.parse("t", text, TemplateOptions.defaults()))
                .hasMessage("template: t:1: unexpected \"20\" in {{break}}");
        TemplateOptions withBreak = TemplateOptions.defaults().withFunctions(Map.of("break",
                TemplateFunction.of((inv, a) -> a.getFirst(), TemplateFunction.ArgType.ANY)));
        assertThat(Template.parse("t", text, withBreak).execute(List.of(1L, 2L))).isEqualTo("2020");
    }

    @Test
    void aMapWithTypedZeroPrintsItsZeroForMissingKeys() {
        Object data = GoMap.of(Map.of("x", 99L), 0L, "map[string]int");
        String text = "{{.x}} {{.y}}";
        assertThat(Template.parse("t", text, TemplateOptions.defaults()).execute(data)).isEqualTo("99 <no value>");
        assertThat(Template.parse("t", text, TemplateOptions.defaults().withMissingKey(MissingKey.ZERO))
                .execute(data)).isEqualTo("99 0");
        assertThatThrownBy(() -> Template.parse("t", text, TemplateOptions.defaults()
                .withMissingKey(MissingKey.ERROR)).execute(data))
                .hasMessage("template: t:1:9: executing \"t\" at <.y>: map has no entry for key \"y\"");
    }

    @Test
    void badFunctionNamesAreRejected() {
        for (String name : List.of("", "2", "a-b")) {
            assertThatThrownBy(() -> TemplateOptions.defaults().withFunctions(Map.of(name,
                    TemplateFunction.of((inv, a) -> 0L)))).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
