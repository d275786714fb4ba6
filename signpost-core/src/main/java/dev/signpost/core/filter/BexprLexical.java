package dev.signpost.core.filter;

import java.util.function.IntPredicate;

/**
 * The lexical rules of go-bexpr's grammar.peg (v0.1.2): identifiers, number and string literals, whitespace and
 * end of input, with their grammar errors ({@code Invalid number literal}, {@code Unterminated string literal}).
 * {@link BexprParser} builds expressions from them.
 */
abstract class BexprLexical extends PegRuntime {
    private static final IntPredicate LETTER = c -> c < 0x80 && Character.isLetter(c);
    private static final IntPredicate WORD = c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '_');
    private static final IntPredicate NON_ZERO = c -> c >= '1' && c <= '9';
    private static final IntPredicate DIGIT = c -> c >= '0' && c <= '9';
    private static final IntPredicate SPACE = c -> c == ' ' || c == '\t' || c == '\r' || c == '\n';

    BexprLexical(String input) {
        super(input);
    }

    final Object identifier() {
        return rule(41, "Identifier", () -> {
            int start = pos;
            if (!charClass("[a-zA-Z]", LETTER)) {
                return FAIL;
            }
            while (charClass("[a-zA-Z0-9_]", WORD)) {
                // the rest of the name
            }
            return textFrom(start);
        });
    }

    final Object numberLiteral() {
        return rule(45, "\"number\"", () -> {
            int start = pos;
            lit("-");
            if (integerOrFloat() && ahead(this::afterNumbers)) {
                return textFrom(start);
            }
            pos = start;
            lit("-");
            if (integerOrFloat() && not(this::afterNumbers)) {
                error("Invalid number literal", pos);
            }
            return back(start);
        });
    }

    private boolean afterNumbers() {
        return rule(46, "AfterNumbers", () -> ahead(() -> space() || eof() || lit(")")) ? Boolean.TRUE : FAIL) != FAIL;
    }

    private boolean integerOrFloat() {
        return rule(47, "IntegerOrFloat", () -> {
            int start = pos;
            if (!lit("0")) {
                if (!charClass("[1-9]", NON_ZERO)) {
                    return back(start);
                }
                while (charClass("[0-9]", DIGIT)) {
                    // more digits
                }
            }
            int fraction = pos;
            if (lit(".") && charClass("[0-9]", DIGIT)) {
                while (charClass("[0-9]", DIGIT)) {
                    // more digits
                }
            } else {
                pos = fraction;
            }
            return Boolean.TRUE;
        }) != FAIL;
    }

    final Object stringLiteral() {
        return rule(48, "\"string\"", () -> {
            int start = pos;
            if (quoted("`", true) || quoted("\"", true)) {
                try {
                    return GoText.unquote(textFrom(start));
                } catch (IllegalArgumentException e) {
                    error(e.getMessage(), start);
                    return "";
                }
            }
            if ((quoted("`", false) || quoted("\"", false)) && eof()) {
                error("Unterminated string literal", pos);
            }
            return back(start);
        });
    }

    /** A quote, characters other than it and, when {@code closed}, the closing quote. */
    private boolean quoted(String quote, boolean closed) {
        int start = pos;
        if (!lit(quote)) {
            return false;
        }
        String rule = quote.equals("`") ? "RawStringChar" : "DoubleStringChar";
        int id = quote.equals("`") ? 49 : 50;
        while (rule(id, rule, () -> not(() -> lit(quote)) && any() ? Boolean.TRUE : FAIL) != FAIL) {
            // the literal's characters
        }
        if (closed && !lit(quote)) {
            pos = start;
            return false;
        }
        return true;
    }

    final boolean space() {
        return rule(51, "\"whitespace\"", () -> {
            if (!charClass("[ \\t\\r\\n]", SPACE)) {
                return FAIL;
            }
            while (charClass("[ \\t\\r\\n]", SPACE)) {
                // more whitespace
            }
            return Boolean.TRUE;
        }) != FAIL;
    }

    final void optionalSpace() {
        space();
    }

    final boolean eof() {
        return rule(52, "EOF", () -> not(this::any) ? Boolean.TRUE : FAIL) != FAIL;
    }
}
