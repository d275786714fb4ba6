package dev.signpost.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The grammar table: expressions as go-bexpr v0.1.2 parses them, or its error with position. Rows marked
 * {@code bexpr} are the vectors of bexpr's own grammar_test.go; {@code consul#N} come from Consul issues that quote
 * a real server's message; the rest follow grammar.peg run as pigeon runs it. A tree prints as
 * {@code selector operator "value"}; {@code x in y} has selector {@code y}.
 */
class BexprGrammarTest {
    private static final String EXPECTED_AFTER_OPERATOR = "\"-\", \"0\", \"\\\"\", \"`\", [ \\t\\r\\n], [1-9] or [a-zA-Z]";
    private static final String EXPECTED_EXPRESSION =
            "\"(\", \"-\", \"0\", \"\\\"\", \"`\", \"not\", [ \\t\\r\\n], [1-9] or [a-zA-Z]";
    private static final String EXPECTED_AFTER_SELECTOR = "\"!=\", \".\", \"==\", \"[\", [ \\t\\r\\n] or [a-zA-Z0-9_]";

    static final String[][] ROWS = {
        // bexpr grammar_test.go
        {"foo == 3", "foo == \"3\""},
        {"foo != xyz", "foo != \"xyz\""},
        {"list is empty", "list is empty"},
        {"list is not empty", "list is not empty"},
        {"foo in bar", "bar in \"foo\""},
        {"foo not in bar", "bar not in \"foo\""},
        {"bar contains foo", "bar in \"foo\""},
        {"bar not contains foo", "bar not in \"foo\""},
        {"foo matches bar", "foo matches \"bar\""},
        {"foo not matches bar", "foo not matches \"bar\""},
        {"not prod in tags", "not tags in \"prod\""},
        {"port != 80 and port != 8080", "(port != \"80\" and port != \"8080\")"},
        {"port == 80 or port == 443", "(port == \"80\" or port == \"443\")"},
        {"foo == \"bar\"", "foo == \"bar\""},
        {"foo != \"bar\"", "foo != \"bar\""},
        {"\"foo\" in bar", "bar in \"foo\""},
        {"\"foo\" not in bar", "bar not in \"foo\""},
        {"foo == `bar`", "foo == \"bar\""},
        {"foo != `bar`", "foo != \"bar\""},
        {"`foo` in bar", "bar in \"foo\""},
        {"`foo` not in bar", "bar not in \"foo\""},
        {"x in foo and not str == something or list is empty",
            "((foo in \"x\" and not str == \"something\") or list is empty)"},
        {"x in foo and not (str == something or list is empty)",
            "(foo in \"x\" and not (str == \"something\" or list is empty))"},
        {"\t\r\n  foo \t\r\n == \t\r\n x \t\r\n", "foo == \"x\""},
        {"\t\r\n  foo \t\r\n != \t\r\n x \t\r\n", "foo != \"x\""},
        {"\t\r\n  foo \t\r\n in \t\r\n x \t\r\n", "x in \"foo\""},
        {"\t\r\n  foo \t\r\n not \t\r\n in \t\r\n x \t\r\n", "x not in \"foo\""},
        {"\t\r\n  foo \t\r\n is \t\r\n empty \t\r\n", "foo is empty"},
        {"\t\r\n  foo \t\r\n is \t\r\n not \t\r\n empty \t\r\n", "foo is not empty"},
        {"\t\r\n not \t\r\n  foo \t\r\n in \t\r\n x \t\r\n", "not x in \"foo\""},
        {"\t\r\n foo \t\r\n == \t\r\n x \t\r\n and \t\r\n y \t\r\n is \t\r\n empty \t\r\n",
            "(foo == \"x\" and y is empty)"},
        {"\t\r\n foo \t\r\n == \t\r\n x \t\r\n or \t\r\n y \t\r\n is \t\r\n empty \t\r\n", "(foo == \"x\" or y is empty)"},
        {"\t\r\n ( \t\r\n foo \t\r\n == \t\r\n x \t\r\n ) \t\r\n", "foo == \"x\""},
        {"`environment` in foo.bar[\"meta\"].tags[\t`ENV` ]", "foo.bar.meta.tags.ENV in \"environment\""},
        {"environment in foo[\"bar\"][\"meta\"][\"tags\"][\"ENV\"]", "foo.bar.meta.tags.ENV in \"environment\""},
        {"environment in foo.bar.meta.tags.ENV", "foo.bar.meta.tags.ENV in \"environment\""},
        {"environment in foo[\"abc-def ghi åß∂ƒ\"]", "foo.abc-def ghi åß∂ƒ in \"environment\""},
        {"foo == \"12x", "! 1:12 (11): rule \"string\": Unterminated string literal"},
        {"foo == `12x", "! 1:12 (11): rule \"string\": Unterminated string literal"},
        {"foo == 3x", "! 1:9 (8): rule \"number\": Invalid number literal"},
        {"foo[3] == abc", "! 1:5 (4): rule \"index\": Invalid index"},
        {"x in foo[\"abc\"", "! 1:15 (14): rule \"index\": Unclosed index expression"},
        {"foo[\"abc\" == 3", "! 1:11 (10): rule \"index\": Unclosed index expression"},
        {"x in 32", "! 1:6 (5): rule \"match\": Invalid selector"},
        {"32 == 32", "! 1:4 (3): no match found, expected: \"in\", \"not\" or [ \\t\\r\\n]"},
        {"32 is empty", "! 1:4 (3): no match found, expected: \"in\", \"not\" or [ \\t\\r\\n]"},
        {"x in foo abc", "! 1:10 (9): no match found, expected: \"and\", \"or\", [ \\t\\r\\n] or EOF"},
        {"x in foo and ", "! 1:14 (13): no match found, expected: " + EXPECTED_EXPRESSION},
        {"x in foo or ", "! 1:13 (12): no match found, expected: " + EXPECTED_EXPRESSION},
        {"x in foo or not ", "! 1:17 (16): no match found, expected: \"!=\", \"(\", \"-\", \"0\", \"==\", \"\\\"\", \"`\", "
            + "\"contains\", \"in\", \"is\", \"matches\", \"not\", [ \\t\\r\\n], [1-9] or [a-zA-Z]"},
        {"foo == 0.2", "foo == \"0.2\""},
        {"foo == 11.11", "foo == \"11.11\""},
        {"foo == -0.2", "foo == \"-0.2\""},
        {"(foo == 4", "! 1:10 (9): rule \"grouping\": Unmatched parentheses"},
        {"not not foo == 3", "foo == \"3\""},
        {"(((foo == 3) and (not ((bar in baz) and (not (one != two))))) or (((next is empty) and (not (foo is not "
            + "empty))) and (bar not in foo)))",
            "((foo == \"3\" and not (baz in \"bar\" and not one != \"two\")) or ((next is empty and not foo is not "
            + "empty) and foo not in \"bar\"))"},
        // Consul issues quoting a server's answer
        {"foo", "! 1:4 (3): no match found, expected: " + EXPECTED_AFTER_SELECTOR}, // consul#7338
        {"Address == 10.10.10.10 ", "! 1:17 (16): rule \"number\": Invalid number literal"}, // consul#9441
        // selectors and values
        {"Service.Tags contains \"v1\"", "Service.Tags in \"v1\""},
        {"Meta[\"env\"] == prod", "Meta.env == \"prod\""},
        {"NodeMeta[\"rack\"] != \"r1\"", "NodeMeta.rack != \"r1\""},
        {"Meta[\"a.b\"] == x", "Meta.a.b == \"x\""},
        {"a.b[\"c d\"].e == f", "a.b.c d.e == \"f\""},
        {"a == b.c", "a == \"b.c\""},
        {"a == b[\"c\"]", "a == \"b.c\""},
        {"a_1.B2 == C_3", "a_1.B2 == \"C_3\""},
        {"a==1", "a == \"1\""},
        {"a!=b", "a != \"b\""},
        {"a == -5", "a == \"-5\""},
        {"a == 0", "a == \"0\""},
        {"a == 1.5", "a == \"1.5\""},
        {"a == \"\"", "a == \"\""},
        {"a == ``", "a == \"\""},
        {"a == \"x y\"", "a == \"x y\""},
        {"a == \"\\u0041\\x42\\103\"", "a == \"ABC\""},
        {"a == `\\n`", "a == \"\\n\""},
        {"a matches \"^web-[0-9]+$\"", "a matches \"^web-[0-9]+$\""},
        {"a not contains b", "a not in \"b\""},
        {"\"x\" not in a.b", "a.b not in \"x\""},
        {"a.b is not empty", "a.b is not empty"},
        {"notable == 1", "notable == \"1\""},
        {"is == in", "is == \"in\""},
        {"a == or", "a == \"or\""},
        // boolean structure
        {"a == 1 and b == 2 and c == 3", "(a == \"1\" and (b == \"2\" and c == \"3\"))"},
        {"a == 1 or b == 2 or c == 3", "(a == \"1\" or (b == \"2\" or c == \"3\"))"},
        {"a == 1 or b == 2 and c == 3", "(a == \"1\" or (b == \"2\" and c == \"3\"))"},
        {"a == 1 and b == 2 or c == 3", "((a == \"1\" and b == \"2\") or c == \"3\")"},
        {"(a == 1 or b == 2) and c == 3", "((a == \"1\" or b == \"2\") and c == \"3\")"},
        {"a in b and c in d or e in f", "((b in \"a\" and d in \"c\") or f in \"e\")"},
        {"a == 1 and (b == 2 or c == 3)", "(a == \"1\" and (b == \"2\" or c == \"3\"))"},
        {"not not not a == 1", "not a == \"1\""},
        {"not (a == 1 and b == 2)", "not (a == \"1\" and b == \"2\")"},
        {"(a == 1)", "a == \"1\""},
        {"((a == 1))", "a == \"1\""},
        {" ( a == 1 ) ", "a == \"1\""},
        {"(a == 1) and (b == 2)", "(a == \"1\" and b == \"2\")"},
        {"a is empty and b is not empty", "(a is empty and b is not empty)"},
        {"a == 1\nand\nb == 2", "(a == \"1\" and b == \"2\")"},
        // errors
        {"", "! 1:1 (0): no match found, expected: " + EXPECTED_EXPRESSION},
        {"   ", "! 1:4 (3): no match found, expected: " + EXPECTED_EXPRESSION},
        {"ä == 1", "! 1:1 (0): no match found, expected: " + EXPECTED_EXPRESSION},
        {"not", "! 1:4 (3): no match found, expected: " + EXPECTED_AFTER_SELECTOR},
        {"a ==", "! 1:5 (4): no match found, expected: " + EXPECTED_AFTER_OPERATOR},
        {"a == 'x'", "! 1:6 (5): no match found, expected: " + EXPECTED_AFTER_OPERATOR},
        {"a == 1 and\nb ==", "! 2:5 (15): no match found, expected: " + EXPECTED_AFTER_OPERATOR},
        {"a == \"é\" and b", "! 1:15 (15): no match found, expected: " + EXPECTED_AFTER_SELECTOR},
        {"a b", "! 1:3 (2): no match found, expected: \"!=\", \"==\", \"contains\", \"in\", \"is\", \"matches\", \"not\" "
            + "or [ \\t\\r\\n]"},
        {"a.1 == 1", "! 1:3 (2): no match found, expected: [a-zA-Z]"},
        {"a == 1 and", "! 1:11 (10): no match found, expected: [ \\t\\r\\n]"},
        {"a is empty or", "! 1:14 (13): no match found, expected: [ \\t\\r\\n]"},
        {"a is", "! 1:5 (4): no match found, expected: [ \\t\\r\\n]"},
        {"a in", "! 1:5 (4): no match found, expected: [ \\t\\r\\n]"},
        {"a == 1)", "! 1:7 (6): no match found, expected: \".\", [ \\t\\r\\n], [0-9] or EOF"},
        {"a == b c", "! 1:8 (7): no match found, expected: \"and\", \"or\", [ \\t\\r\\n] or EOF"},
        {"a == -", "! 1:7 (6): no match found, expected: \"0\" or [1-9]"},
        {"a == 1.", "! 1:7 (6): rule \"number\": Invalid number literal"},
        {"a == 01", "! 1:7 (6): rule \"number\": Invalid number literal"},
        {"a == 1 or (b == 2", "! 1:18 (17): rule \"grouping\": Unmatched parentheses"},
        {"a in ", "! 1:6 (5): rule \"match\": Invalid selector"},
        {"\"a\" in \"b\"", "! 1:8 (7): rule \"match\": Invalid selector"},
        {"a == \"with \\\"escape\"", "! 1:6 (5): rule \"string\": invalid syntax"},
        {"a == \"\\q\"", "! 1:6 (5): rule \"string\": invalid syntax"},
        {"a == \"\\ud800\"", "! 1:6 (5): rule \"string\": invalid syntax"},
        {"a[ ] == 1", "! 1:4 (3): rule \"index\": Invalid index"},
        {"a[\"x\" ", "! 1:7 (6): rule \"index\": Unclosed index expression"},
    };

    static Stream<Arguments> rows() {
        return Arrays.stream(ROWS).map(r -> Arguments.of(r[0], r[1]));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rows")
    void parsesAsBexprDoes(String expression, String expected) {
        if (expected.startsWith("! ")) {
            assertThatThrownBy(() -> Filter.parse(expression))
                    .isInstanceOf(FilterException.class)
                    .hasMessage("Failed to create boolean expression evaluator: " + expected.substring(2));
        } else {
            assertThat(Filter.parse(expression)).hasToString(expected);
        }
    }
}
