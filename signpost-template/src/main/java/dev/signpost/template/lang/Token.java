package dev.signpost.template.lang;

/**
 * One lexical item: its type, its start offset (a char index into the template text), its text and the line it
 * starts on.
 */
record Token(Type type, int pos, String val, int line) {

    /** Token kinds, in Go's order; everything after {@code KEYWORD} is a keyword and prints as {@code <word>}. */
    enum Type {
        ERROR, BOOL, CHAR, CHAR_CONSTANT, COMMENT, COMPLEX, ASSIGN, DECLARE, EOF, FIELD, IDENTIFIER, LEFT_DELIM,
        LEFT_PAREN, NUMBER, PIPE, RAW_STRING, RIGHT_DELIM, RIGHT_PAREN, SPACE, STRING, TEXT, VARIABLE,
        KEYWORD, BLOCK, BREAK, CONTINUE, DOT, DEFINE, ELSE, END, IF, NIL, RANGE, TEMPLATE, WITH;

        boolean isKeyword() {
            return ordinal() > KEYWORD.ordinal();
        }
    }

    /** Go's item.String(): how a token is quoted inside "unexpected ... in ..." messages. */
    @Override
    public String toString() {
        if (type == Type.EOF) {
            return "EOF";
        }
        if (type == Type.ERROR) {
            return val;
        }
        if (type.isKeyword()) {
            return "<" + val + ">";
        }
        if (val.codePointCount(0, val.length()) > 10) {
            int end = val.offsetByCodePoints(0, 10);
            return GoStrings.quote(val.substring(0, end)) + "...";
        }
        return GoStrings.quote(val);
    }
}
