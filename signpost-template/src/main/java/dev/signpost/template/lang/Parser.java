package dev.signpost.template.lang;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.signpost.template.lang.Node.BoolNode;
import dev.signpost.template.lang.Node.BranchKind;
import dev.signpost.template.lang.Node.BranchNode;
import dev.signpost.template.lang.Node.BreakNode;
import dev.signpost.template.lang.Node.ChainNode;
import dev.signpost.template.lang.Node.CommandNode;
import dev.signpost.template.lang.Node.ContinueNode;
import dev.signpost.template.lang.Node.DotNode;
import dev.signpost.template.lang.Node.ElseNode;
import dev.signpost.template.lang.Node.EndNode;
import dev.signpost.template.lang.Node.FieldNode;
import dev.signpost.template.lang.Node.IdentifierNode;
import dev.signpost.template.lang.Node.ListNode;
import dev.signpost.template.lang.Node.NilNode;
import dev.signpost.template.lang.Node.PipeNode;
import dev.signpost.template.lang.Node.StringNode;
import dev.signpost.template.lang.Node.TemplateNode;
import dev.signpost.template.lang.Node.TextNode;
import dev.signpost.template.lang.Node.VariableNode;
import dev.signpost.template.lang.Token.Type;

/**
 * A recursive-descent parser with Go's grammar, scoping checks and error messages (text/template/parse). One
 * instance parses one body: the top-level text or one {@code define}/{@code block}; nested definitions get their own
 * instance sharing the lexer and the tree set.
 *
 * <p>Not thread-safe; confined to one {@link Template#parse} call. It follows parse.go function by function,
 * which is why it is one file.
 */
final class Parser {

    private static final int MAX_STACK_DEPTH = 10000;

    private final String parseName;
    private final Lexer lex;
    private final Predicate<String> hasFunction;
    private final Map<String, ListNode> treeSet;
    private final Token[] token = new Token[3];
    private int peekCount;
    private final List<String> vars = new ArrayList<>(List.of("$"));
    private int actionLine;
    private int rangeDepth;
    private int stackDepth;
    private String name;

    private Parser(String name, String parseName, Lexer lex, Predicate<String> hasFunction,
                   Map<String, ListNode> treeSet) {
        this.name = name;
        this.parseName = parseName;
        this.lex = lex;
        this.hasFunction = hasFunction;
        this.treeSet = treeSet;
    }

    /** Parses text into a map from template name to body; the top-level body is under {@code name}. */
    static Map<String, ListNode> parse(String name, String text, String leftDelim, String rightDelim,
                                       Predicate<String> hasFunction) {
        Lexer lex = new Lexer(text, leftDelim, rightDelim, !hasFunction.test("break"),
                !hasFunction.test("continue"));
        Map<String, ListNode> treeSet = new LinkedHashMap<>();
        Parser p = new Parser(name, name, lex, hasFunction, treeSet);
        ListNode root = p.parseTop();
        p.add(root);
        return treeSet;
    }

    private Token next() {
        if (peekCount > 0) {
            peekCount--;
        } else {
            token[0] = lex.nextItem();
        }
        return token[peekCount];
    }

    private void backup() {
        peekCount++;
    }

    private void backup2(Token t1) {
        token[1] = t1;
        peekCount = 2;
    }

    private void backup3(Token t2, Token t1) {
        token[1] = t1;
        token[2] = t2;
        peekCount = 3;
    }

    private Token peek() {
        if (peekCount > 0) {
            return token[peekCount - 1];
        }
        peekCount = 1;
        token[0] = lex.nextItem();
        return token[0];
    }

    private Token nextNonSpace() {
        Token t;
        do {
            t = next();
        } while (t.type() == Type.SPACE);
        return t;
    }

    private Token peekNonSpace() {
        Token t = nextNonSpace();
        backup();
        return t;
    }

    private TemplateException errorf(String message) {
        int line = token[0] == null ? 1 : token[0].line();
        throw new TemplateException(TemplateException.Phase.PARSE, parseName, line, -1,
                "template: " + parseName + ":" + line + ": " + message);
    }

    private Token expect(Type expected, String context) {
        Token t = nextNonSpace();
        if (t.type() != expected) {
            unexpected(t, context);
        }
        return t;
    }

    private void unexpected(Token t, String context) {
        if (t.type() == Type.ERROR) {
            String extra = "";
            if (actionLine != 0 && actionLine != t.line()) {
                extra = " in action started at " + parseName + ":" + actionLine;
                if (t.val().endsWith(" action")) {
                    extra = extra.substring(" in action".length());
                }
            }
            throw errorf(t + extra);
        }
        throw errorf("unexpected " + t + " in " + context);
    }

    private void add(ListNode root) {
        ListNode existing = treeSet.get(name);
        if (existing == null || isEmptyTree(existing)) {
            treeSet.put(name, root);
            return;
        }
        if (!isEmptyTree(root)) {
            throw errorf("template: multiple definition of template " + GoStrings.quote(name));
        }
    }

    /** Whether a body holds nothing but white space (Go's IsEmptyTree). */
    static boolean isEmptyTree(Node n) {
        return switch (n) {
            case ListNode l -> l.nodes().stream().allMatch(Parser::isEmptyTree);
            case TextNode t -> t.text().isBlank();
            default -> false;
        };
    }

    private ListNode parseTop() {
        List<Node> nodes = new ArrayList<>();
        int pos = peek().pos();
        while (peek().type() != Type.EOF) {
            if (peek().type() == Type.LEFT_DELIM) {
                Token delim = next();
                if (nextNonSpace().type() == Type.DEFINE) {
                    Parser def = new Parser("definition", parseName, lex, hasFunction, treeSet);
                    def.parseDefinition();
                    continue;
                }
                backup2(delim);
            }
            Node n = textOrAction();
            if (n instanceof EndNode || n instanceof ElseNode) {
                throw errorf("unexpected " + n);
            }
            nodes.add(n);
        }
        return new ListNode(pos, nodes);
    }

    private void parseDefinition() {
        String context = "define clause";
        Token nameToken = nextNonSpace();
        if (nameToken.type() != Type.STRING && nameToken.type() != Type.RAW_STRING) {
            unexpected(nameToken, context);
        }
        name = unquote(nameToken.val());
        expect(Type.RIGHT_DELIM, context);
        Node[] end = new Node[1];
        ListNode root = itemList(end);
        if (!(end[0] instanceof EndNode)) {
            throw errorf("unexpected " + end[0] + " in " + context);
        }
        add(root);
    }

    private String unquote(String quoted) {
        try {
            return GoStrings.unquote(quoted);
        } catch (GoStrings.SyntaxError e) {
            throw errorf(e.getMessage());
        }
    }

    /** textOrAction* up to {{end}} or {{else}}, which is returned in end[0]. */
    private ListNode itemList(Node[] end) {
        List<Node> nodes = new ArrayList<>();
        int pos = peekNonSpace().pos();
        while (peekNonSpace().type() != Type.EOF) {
            Node n = textOrAction();
            if (n instanceof EndNode || n instanceof ElseNode) {
                end[0] = n;
                return new ListNode(pos, nodes);
            }
            nodes.add(n);
        }
        throw errorf("unexpected EOF");
    }

    private Node textOrAction() {
        Token t = nextNonSpace();
        switch (t.type()) {
            case TEXT:
                return new TextNode(t.pos(), t.val());
            case LEFT_DELIM:
                actionLine = t.line();
                try {
                    return action();
                } finally {
                    actionLine = 0;
                }
            default:
                unexpected(t, "input");
                return null;
        }
    }

    private Node action() {
        Token t = nextNonSpace();
        switch (t.type()) {
            case BLOCK:
                return blockControl();
            case BREAK:
                return breakOrContinue(t, "{{break}}");
            case CONTINUE:
                return breakOrContinue(t, "{{continue}}");
            case ELSE:
                return elseControl();
            case END:
                return new EndNode(expect(Type.RIGHT_DELIM, "end").pos());
            case IF:
                return control(BranchKind.IF);
            case RANGE:
                return control(BranchKind.RANGE);
            case TEMPLATE:
                return templateControl();
            case WITH:
                return control(BranchKind.WITH);
            default:
                break;
        }
        backup();
        Token start = peek();
        PipeNode pipe = pipeline("command", Type.RIGHT_DELIM);
        return new Node.ActionNode(start.pos(), start.line(), pipe);
    }

    private Node breakOrContinue(Token keyword, String context) {
        Token t = nextNonSpace();
        if (t.type() != Type.RIGHT_DELIM) {
            unexpected(t, context);
        }
        if (rangeDepth == 0) {
            throw errorf(context + " outside {{range}}");
        }
        return keyword.type() == Type.BREAK ? new BreakNode(keyword.pos(), keyword.line())
                : new ContinueNode(keyword.pos(), keyword.line());
    }

    private PipeNode pipeline(String context, Type end) {
        Token first = peekNonSpace();
        List<VariableNode> decl = new ArrayList<>();
        List<CommandNode> cmds = new ArrayList<>();
        boolean isAssign = false;
        boolean again = true;
        while (again) {
            again = false;
            Token v = peekNonSpace();
            if (v.type() != Type.VARIABLE) {
                break;
            }
            next();
            Token afterVariable = peek();
            Token nextToken = peekNonSpace();
            if (nextToken.type() == Type.ASSIGN || nextToken.type() == Type.DECLARE) {
                isAssign = nextToken.type() == Type.ASSIGN;
                nextNonSpace();
                decl.add(new VariableNode(v.pos(), List.of(v.val())));
                vars.add(v.val());
            } else if (nextToken.type() == Type.CHAR && nextToken.val().equals(",")) {
                nextNonSpace();
                decl.add(new VariableNode(v.pos(), List.of(v.val())));
                vars.add(v.val());
                if (context.equals("range") && decl.size() < 2) {
                    Type pt = peekNonSpace().type();
                    if (pt == Type.VARIABLE || pt == Type.RIGHT_DELIM || pt == Type.RIGHT_PAREN) {
                        again = true;
                        continue;
                    }
                    throw errorf("range can only initialize variables");
                }
                throw errorf("too many declarations in " + context);
            } else if (afterVariable.type() == Type.SPACE) {
                backup3(v, afterVariable);
            } else {
                backup2(v);
            }
        }
        while (true) {
            Token t = nextNonSpace();
            if (t.type() == end) {
                checkPipeline(cmds, context);
                return new PipeNode(first.pos(), first.line(), isAssign, decl, cmds);
            }
            switch (t.type()) {
                case BOOL, CHAR_CONSTANT, COMPLEX, DOT, FIELD, IDENTIFIER, NUMBER, NIL, RAW_STRING, STRING,
                     VARIABLE, LEFT_PAREN -> {
                    backup();
                    cmds.add(command());
                }
                default -> unexpected(t, context);
            }
        }
    }

    private void checkPipeline(List<CommandNode> cmds, String context) {
        if (cmds.isEmpty()) {
            throw errorf("missing value for " + context);
        }
        for (int i = 1; i < cmds.size(); i++) {
            Node first = cmds.get(i).args().getFirst();
            if (first instanceof BoolNode || first instanceof DotNode || first instanceof NilNode
                    || first instanceof Node.NumberNode || first instanceof StringNode) {
                throw errorf("non executable command in pipeline stage " + (i + 1));
            }
        }
    }

    private Node control(BranchKind kind) {
        String context = kind.name().toLowerCase(java.util.Locale.ROOT);
        int mark = vars.size();
        try {
            PipeNode pipe = pipeline(context, Type.RIGHT_DELIM);
            if (kind == BranchKind.RANGE) {
                rangeDepth++;
            }
            Node[] next = new Node[1];
            ListNode list = itemList(next);
            if (kind == BranchKind.RANGE) {
                rangeDepth--;
            }
            ListNode elseList = null;
            if (next[0] instanceof ElseNode) {
                // "else if" and "else with" are parsed as {{else}}{{if ...}}...{{end}}{{end}}, the last end implied.
                if (kind == BranchKind.IF && peek().type() == Type.IF) {
                    next();
                    elseList = new ListNode(next[0].pos(), List.of(control(BranchKind.IF)));
                } else if (kind == BranchKind.WITH && peek().type() == Type.WITH) {
                    next();
                    elseList = new ListNode(next[0].pos(), List.of(control(BranchKind.WITH)));
                } else {
                    elseList = itemList(next);
                    if (!(next[0] instanceof EndNode)) {
                        throw errorf("expected end; found " + next[0]);
                    }
                }
            }
            return new BranchNode(kind, pipe.pos(), pipe.line(), pipe, list, elseList);
        } finally {
            while (vars.size() > mark) {
                vars.removeLast();
            }
        }
    }

    private Node elseControl() {
        Token p = peekNonSpace();
        if (p.type() == Type.IF || p.type() == Type.WITH) {
            return new ElseNode(p.pos(), p.line());
        }
        Token t = expect(Type.RIGHT_DELIM, "else");
        return new ElseNode(t.pos(), t.line());
    }

    private Node blockControl() {
        String context = "block clause";
        Token t = nextNonSpace();
        String blockName = templateName(t, context);
        PipeNode pipe = pipeline(context, Type.RIGHT_DELIM);
        Parser block = new Parser(blockName, parseName, lex, hasFunction, treeSet);
        Node[] end = new Node[1];
        ListNode root = block.itemList(end);
        if (!(end[0] instanceof EndNode)) {
            throw errorf("unexpected " + end[0] + " in " + context);
        }
        block.add(root);
        return new TemplateNode(t.pos(), t.line(), blockName, pipe);
    }

    private Node templateControl() {
        String context = "template clause";
        Token t = nextNonSpace();
        String templateName = templateName(t, context);
        PipeNode pipe = null;
        if (nextNonSpace().type() != Type.RIGHT_DELIM) {
            backup();
            pipe = pipeline(context, Type.RIGHT_DELIM);
        }
        return new TemplateNode(t.pos(), t.line(), templateName, pipe);
    }

    private String templateName(Token t, String context) {
        if (t.type() != Type.STRING && t.type() != Type.RAW_STRING) {
            unexpected(t, context);
        }
        return unquote(t.val());
    }

    private CommandNode command() {
        int pos = peekNonSpace().pos();
        List<Node> args = new ArrayList<>();
        while (true) {
            peekNonSpace();
            Node operand = operand();
            if (operand != null) {
                args.add(operand);
            }
            Token t = next();
            if (t.type() == Type.SPACE) {
                continue;
            }
            if (t.type() == Type.RIGHT_DELIM || t.type() == Type.RIGHT_PAREN) {
                backup();
            } else if (t.type() != Type.PIPE) {
                unexpected(t, "operand");
            }
            break;
        }
        if (args.isEmpty()) {
            throw errorf("empty command");
        }
        return new CommandNode(pos, args);
    }

    private Node operand() {
        Node node = term();
        if (node == null) {
            return null;
        }
        if (peek().type() == Type.FIELD) {
            int chainPos = peek().pos();
            List<String> fields = new ArrayList<>();
            while (peek().type() == Type.FIELD) {
                fields.add(next().val().substring(1));
            }
            switch (node) {
                case FieldNode f -> {
                    List<String> all = new ArrayList<>(f.ident());
                    all.addAll(fields);
                    return new FieldNode(chainPos, all);
                }
                case VariableNode v -> {
                    List<String> all = new ArrayList<>(v.ident());
                    all.addAll(fields);
                    return new VariableNode(chainPos, all);
                }
                case BoolNode b -> throw errorf("unexpected . after term " + GoStrings.quote(b.toString()));
                case StringNode s -> throw errorf("unexpected . after term " + GoStrings.quote(s.toString()));
                case Node.NumberNode n -> throw errorf("unexpected . after term " + GoStrings.quote(n.toString()));
                case NilNode n -> throw errorf("unexpected . after term " + GoStrings.quote(n.toString()));
                case DotNode d -> throw errorf("unexpected . after term " + GoStrings.quote(d.toString()));
                default -> {
                    return new ChainNode(chainPos, node, fields);
                }
            }
        }
        return node;
    }

    private Node term() {
        Token t = nextNonSpace();
        switch (t.type()) {
            case IDENTIFIER:
                if (!hasFunction.test(t.val())) {
                    throw errorf("function " + GoStrings.quote(t.val()) + " not defined");
                }
                return new IdentifierNode(t.pos(), t.val());
            case DOT:
                return new DotNode(t.pos());
            case NIL:
                return new NilNode(t.pos());
            case VARIABLE:
                return useVar(t.pos(), t.val());
            case FIELD:
                return new FieldNode(t.pos(), List.of(t.val().substring(1)));
            case BOOL:
                return new BoolNode(t.pos(), t.val().equals("true"));
            case CHAR_CONSTANT, COMPLEX, NUMBER:
                try {
                    return switch (t.type()) {
                        case CHAR_CONSTANT -> Numbers.charConstant(t.pos(), t.val());
                        case COMPLEX -> Numbers.complexConstant(t.pos(), t.val());
                        default -> Numbers.number(t.pos(), t.val());
                    };
                } catch (Numbers.NumberException e) {
                    throw errorf(e.getMessage());
                }
            case LEFT_PAREN:
                if (stackDepth >= MAX_STACK_DEPTH) {
                    throw errorf("max expression depth exceeded");
                }
                stackDepth++;
                try {
                    return pipeline("parenthesized pipeline", Type.RIGHT_PAREN);
                } finally {
                    stackDepth--;
                }
            case STRING, RAW_STRING:
                return new StringNode(t.pos(), t.val(), unquote(t.val()));
            default:
                backup();
                return null;
        }
    }

    private Node useVar(int pos, String text) {
        List<String> ident = List.of(text.split("\\.", -1));
        if (!vars.contains(ident.getFirst())) {
            throw errorf("undefined variable " + GoStrings.quote(ident.getFirst()));
        }
        return new VariableNode(pos, ident);
    }
}
