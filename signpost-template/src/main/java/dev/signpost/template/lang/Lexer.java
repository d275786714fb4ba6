package dev.signpost.template.lang;

import java.util.Map;

import dev.signpost.template.lang.Token.Type;

/**
 * Splits template text into tokens the way Go's text/template/parse lexer does, including trim markers
 * ({@code "{{- "} and {@code " -}}"}), comments, custom delimiters and Go's exact lexical error messages. Positions
 * are char offsets into the text; lines are 1-based. Pull-based: the parser asks for one token at a time.
 *
 * <p>Not thread-safe; one lexer per parse. It follows lex.go state by state, which is why it is one file.
 */
final class Lexer {

    private static final String LEFT_COMMENT = "/*";
    private static final String RIGHT_COMMENT = "*/";
    private static final String SPACE_CHARS = " \t\r\n";
    private static final int TRIM_MARKER_LEN = 2;
    private static final int EOF = -1;

    private static final Map<String, Type> KEYWORDS = Map.ofEntries(
            Map.entry(".", Type.DOT), Map.entry("block", Type.BLOCK), Map.entry("break", Type.BREAK),
            Map.entry("continue", Type.CONTINUE), Map.entry("define", Type.DEFINE), Map.entry("else", Type.ELSE),
            Map.entry("end", Type.END), Map.entry("if", Type.IF), Map.entry("range", Type.RANGE),
            Map.entry("nil", Type.NIL), Map.entry("template", Type.TEMPLATE), Map.entry("with", Type.WITH));

    private enum State { TEXT, LEFT_DELIM, COMMENT, RIGHT_DELIM, INSIDE_ACTION, SPACE, IDENTIFIER, FIELD, VARIABLE,
        CHAR, NUMBER, QUOTE, RAW_QUOTE }

    private String input;
    private final String leftDelim;
    private final String rightDelim;
    private final boolean breakOk;
    private final boolean continueOk;
    private int pos;
    private int start;
    private boolean atEof;
    private int parenDepth;
    private int line = 1;
    private int startLine = 1;
    private boolean insideAction;
    private Token item;

    Lexer(String input, String leftDelim, String rightDelim, boolean breakOk, boolean continueOk) {
        this.input = input;
        this.leftDelim = leftDelim.isEmpty() ? "{{" : leftDelim;
        this.rightDelim = rightDelim.isEmpty() ? "}}" : rightDelim;
        this.breakOk = breakOk;
        this.continueOk = continueOk;
    }

    /** Returns the next token; after an error or EOF it keeps returning EOF. */
    Token nextItem() {
        item = new Token(Type.EOF, pos, "EOF", startLine);
        State state = insideAction ? State.INSIDE_ACTION : State.TEXT;
        while (state != null) {
            state = step(state);
        }
        return item;
    }

    private State step(State state) {
        return switch (state) {
            case TEXT -> lexText();
            case LEFT_DELIM -> lexLeftDelim();
            case COMMENT -> lexComment();
            case RIGHT_DELIM -> lexRightDelim();
            case INSIDE_ACTION -> lexInsideAction();
            case SPACE -> lexSpace();
            case IDENTIFIER -> lexIdentifier();
            case FIELD -> lexFieldOrVariable(Type.FIELD);
            case VARIABLE -> atTerminator() ? emit(Type.VARIABLE) : lexFieldOrVariable(Type.VARIABLE);
            case CHAR -> lexChar();
            case NUMBER -> lexNumber();
            case QUOTE -> lexQuote();
            case RAW_QUOTE -> lexRawQuote();
        };
    }

    private int next() {
        if (pos >= input.length()) {
            atEof = true;
            return EOF;
        }
        int r = input.codePointAt(pos);
        pos += Character.charCount(r);
        if (r == '\n') {
            line++;
        }
        return r;
    }

    private int peek() {
        int r = next();
        backup();
        return r;
    }

    private void backup() {
        if (!atEof && pos > 0) {
            int r = input.codePointBefore(pos);
            pos -= Character.charCount(r);
            if (r == '\n') {
                line--;
            }
        }
    }

    private Token thisItem(Type type) {
        Token t = new Token(type, start, input.substring(start, pos), startLine);
        start = pos;
        startLine = line;
        return t;
    }

    private State emit(Type type) {
        item = thisItem(type);
        return null;
    }

    private State emitItem(Token t) {
        item = t;
        return null;
    }

    private void ignore() {
        line += count(input, start, pos, '\n');
        start = pos;
        startLine = line;
    }

    private boolean accept(String valid) {
        int r = next();
        if (r != EOF && valid.indexOf(r) >= 0) {
            return true;
        }
        backup();
        return false;
    }

    private void acceptRun(String valid) {
        while (true) {
            int r = next();
            if (r == EOF || valid.indexOf(r) < 0) {
                break;
            }
        }
        backup();
    }

    private State errorf(String message) {
        item = new Token(Type.ERROR, start, message, startLine);
        start = 0;
        pos = 0;
        input = "";
        return null;
    }

    private State lexText() {
        int x = input.indexOf(leftDelim, pos);
        if (x >= 0) {
            if (x > pos) {
                pos = x;
                int trimLength = 0;
                int delimEnd = pos + leftDelim.length();
                if (hasLeftTrimMarker(input, delimEnd)) {
                    trimLength = rightTrimLength(input, start, pos);
                }
                pos -= trimLength;
                line += count(input, start, pos, '\n');
                Token text = thisItem(Type.TEXT);
                pos += trimLength;
                ignore();
                if (!text.val().isEmpty()) {
                    return emitItem(text);
                }
            }
            return State.LEFT_DELIM;
        }
        pos = input.length();
        if (pos > start) {
            line += count(input, start, pos, '\n');
            return emit(Type.TEXT);
        }
        return emit(Type.EOF);
    }

    private boolean atRightDelimTrimmed() {
        return hasRightTrimMarker(input, pos) && input.startsWith(rightDelim, pos + TRIM_MARKER_LEN);
    }

    private boolean atRightDelim() {
        return atRightDelimTrimmed() || input.startsWith(rightDelim, pos);
    }

    private State lexLeftDelim() {
        pos += leftDelim.length();
        boolean trimSpace = hasLeftTrimMarker(input, pos);
        int afterMarker = trimSpace ? TRIM_MARKER_LEN : 0;
        if (input.startsWith(LEFT_COMMENT, pos + afterMarker)) {
            pos += afterMarker;
            ignore();
            return State.COMMENT;
        }
        Token t = thisItem(Type.LEFT_DELIM);
        insideAction = true;
        pos += afterMarker;
        ignore();
        parenDepth = 0;
        return emitItem(t);
    }

    private State lexComment() {
        pos += LEFT_COMMENT.length();
        int x = input.indexOf(RIGHT_COMMENT, pos);
        if (x < 0) {
            return errorf("unclosed comment");
        }
        pos = x + RIGHT_COMMENT.length();
        boolean trimmed = atRightDelimTrimmed();
        if (!trimmed && !input.startsWith(rightDelim, pos)) {
            return errorf("comment ends before closing delimiter");
        }
        line += count(input, start, pos, '\n');
        thisItem(Type.COMMENT);
        if (trimmed) {
            pos += TRIM_MARKER_LEN;
        }
        pos += rightDelim.length();
        if (trimmed) {
            pos += leftTrimLength(input, pos);
        }
        ignore();
        return State.TEXT;
    }

    private State lexRightDelim() {
        boolean trimmed = atRightDelimTrimmed();
        if (trimmed) {
            pos += TRIM_MARKER_LEN;
            ignore();
        }
        pos += rightDelim.length();
        Token t = thisItem(Type.RIGHT_DELIM);
        if (trimmed) {
            pos += leftTrimLength(input, pos);
            ignore();
        }
        insideAction = false;
        return emitItem(t);
    }

    private State lexInsideAction() {
        if (atRightDelim()) {
            if (parenDepth == 0) {
                return State.RIGHT_DELIM;
            }
            return errorf("unclosed left paren");
        }
        int r = next();
        if (r == EOF) {
            return errorf("unclosed action");
        }
        if (isSpace(r)) {
            backup();
            return State.SPACE;
        }
        switch (r) {
            case '=':
                return emit(Type.ASSIGN);
            case ':':
                if (next() != '=') {
                    return errorf("expected :=");
                }
                return emit(Type.DECLARE);
            case '|':
                return emit(Type.PIPE);
            case '"':
                return State.QUOTE;
            case '`':
                return State.RAW_QUOTE;
            case '$':
                return State.VARIABLE;
            case '\'':
                return State.CHAR;
            case '(':
                parenDepth++;
                return emit(Type.LEFT_PAREN);
            case ')':
                parenDepth--;
                if (parenDepth < 0) {
                    return errorf("unexpected right paren");
                }
                return emit(Type.RIGHT_PAREN);
            default:
                break;
        }
        if (r == '.') {
            // A '.' followed by a non-digit starts a field; ".5" is a number.
            if (pos < input.length()) {
                char c = input.charAt(pos);
                if (c < '0' || c > '9') {
                    return State.FIELD;
                }
            }
            backup();
            return State.NUMBER;
        }
        if (r == '+' || r == '-' || (r >= '0' && r <= '9')) {
            backup();
            return State.NUMBER;
        }
        if (isAlphaNumeric(r)) {
            backup();
            return State.IDENTIFIER;
        }
        if (r <= 0x7F && r >= 0x20 && r != 0x7F) {
            return emit(Type.CHAR);
        }
        return errorf("unrecognized character in action: " + GoStrings.formatUnicode(r));
    }

    private State lexSpace() {
        int numSpaces = 0;
        while (isSpace(peek())) {
            next();
            numSpaces++;
        }
        // A space may belong to a trim-marked right delimiter " -}}".
        if (hasRightTrimMarker(input, pos - 1) && input.startsWith(rightDelim, pos - 1 + TRIM_MARKER_LEN)) {
            backup();
            if (numSpaces == 1) {
                return State.RIGHT_DELIM;
            }
        }
        return emit(Type.SPACE);
    }

    private State lexIdentifier() {
        while (true) {
            int r = next();
            if (isAlphaNumeric(r)) {
                continue;
            }
            backup();
            String word = input.substring(start, pos);
            if (!atTerminator()) {
                return errorf("bad character " + GoStrings.formatUnicode(r));
            }
            Type keyword = KEYWORDS.get(word);
            if (keyword != null) {
                if ((keyword == Type.BREAK && !breakOk) || (keyword == Type.CONTINUE && !continueOk)) {
                    return emit(Type.IDENTIFIER);
                }
                return emit(keyword);
            }
            if (word.charAt(0) == '.') {
                return emit(Type.FIELD);
            }
            if (word.equals("true") || word.equals("false")) {
                return emit(Type.BOOL);
            }
            return emit(Type.IDENTIFIER);
        }
    }

    private State lexFieldOrVariable(Type type) {
        if (atTerminator()) {
            return emit(type == Type.VARIABLE ? Type.VARIABLE : Type.DOT);
        }
        int r;
        while (true) {
            r = next();
            if (!isAlphaNumeric(r)) {
                backup();
                break;
            }
        }
        if (!atTerminator()) {
            return errorf("bad character " + GoStrings.formatUnicode(r));
        }
        return emit(type);
    }

    private boolean atTerminator() {
        int r = peek();
        if (isSpace(r)) {
            return true;
        }
        switch (r) {
            case EOF, '.', ',', '|', ':', ')', '(':
                return true;
            default:
                return input.startsWith(rightDelim, pos);
        }
    }

    private State lexChar() {
        return lexQuoted('\'', Type.CHAR_CONSTANT, "unterminated character constant");
    }

    /**
     * Go's lexChar and lexQuote, which differ only in quote and words: scans to the closing quote, a backslash
     * escaping the next character; a newline or the end of input first is an error.
     */
    private State lexQuoted(char quote, Type type, String unterminated) {
        while (true) {
            int r = next();
            if (r == '\\') {
                int n = next();
                if (n != EOF && n != '\n') {
                    continue;
                }
                return errorf(unterminated);
            }
            if (r == EOF || r == '\n') {
                return errorf(unterminated);
            }
            if (r == quote) {
                return emit(type);
            }
        }
    }

    private State lexNumber() {
        if (!scanNumber()) {
            return errorf("bad number syntax: " + GoStrings.quote(input.substring(start, pos)));
        }
        int sign = peek();
        if (sign == '+' || sign == '-') {
            // Complex: 1+2i. No spaces, must end in 'i'.
            if (!scanNumber() || input.charAt(pos - 1) != 'i') {
                return errorf("bad number syntax: " + GoStrings.quote(input.substring(start, pos)));
            }
            return emit(Type.COMPLEX);
        }
        return emit(Type.NUMBER);
    }

    private boolean scanNumber() {
        accept("+-");
        String digits = "0123456789_";
        if (accept("0")) {
            if (accept("xX")) {
                digits = "0123456789abcdefABCDEF_";
            } else if (accept("oO")) {
                digits = "01234567_";
            } else if (accept("bB")) {
                digits = "01_";
            }
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if (digits.length() == 11 && accept("eE")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        if (digits.length() == 23 && accept("pP")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        accept("i");
        if (isAlphaNumeric(peek())) {
            next();
            return false;
        }
        return true;
    }

    private State lexQuote() {
        return lexQuoted('"', Type.STRING, "unterminated quoted string");
    }

    private State lexRawQuote() {
        while (true) {
            int r = next();
            if (r == EOF) {
                return errorf("unterminated raw quoted string");
            }
            if (r == '`') {
                return emit(Type.RAW_STRING);
            }
        }
    }

    static boolean isSpace(int r) {
        return r == ' ' || r == '\t' || r == '\r' || r == '\n';
    }

    static boolean isAlphaNumeric(int r) {
        return r == '_' || (r >= 0 && (Character.isLetter(r) || Character.isDigit(r)));
    }

    private static boolean hasLeftTrimMarker(String s, int at) {
        return s.length() - at >= 2 && s.charAt(at) == '-' && isSpace(s.charAt(at + 1));
    }

    private static boolean hasRightTrimMarker(String s, int at) {
        return at >= 0 && s.length() - at >= 2 && isSpace(s.charAt(at)) && s.charAt(at + 1) == '-';
    }

    private static int rightTrimLength(String s, int from, int to) {
        int i = to;
        while (i > from && SPACE_CHARS.indexOf(s.charAt(i - 1)) >= 0) {
            i--;
        }
        return to - i;
    }

    private static int leftTrimLength(String s, int from) {
        int i = from;
        while (i < s.length() && SPACE_CHARS.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i - from;
    }

    static int count(String s, int from, int to, char c) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
