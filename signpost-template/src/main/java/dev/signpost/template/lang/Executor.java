package dev.signpost.template.lang;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.signpost.template.lang.Node.ActionNode;
import dev.signpost.template.lang.Node.BoolNode;
import dev.signpost.template.lang.Node.BranchNode;
import dev.signpost.template.lang.Node.BreakNode;
import dev.signpost.template.lang.Node.ChainNode;
import dev.signpost.template.lang.Node.CommandNode;
import dev.signpost.template.lang.Node.ContinueNode;
import dev.signpost.template.lang.Node.DotNode;
import dev.signpost.template.lang.Node.FieldNode;
import dev.signpost.template.lang.Node.IdentifierNode;
import dev.signpost.template.lang.Node.ListNode;
import dev.signpost.template.lang.Node.NilNode;
import dev.signpost.template.lang.Node.NumberNode;
import dev.signpost.template.lang.Node.PipeNode;
import dev.signpost.template.lang.Node.StringNode;
import dev.signpost.template.lang.Node.TemplateNode;
import dev.signpost.template.lang.Node.TextNode;
import dev.signpost.template.lang.Node.VariableNode;
import dev.signpost.template.lang.TemplateFunction.ArgType;

/**
 * Walks a parsed template and writes its output, following Go's exec.go step by step so that values, variable
 * scoping and error messages (including which node an error is reported at) match. One executor runs one
 * {@link Template#execute} call; not thread-safe, and nothing in it outlives the call.
 *
 * <p>The file is long on purpose: it follows exec.go function by function, including where each error is
 * reported (the "current node"), so that it can be checked against Go's source side by side.
 */
final class Executor implements TemplateFunction.Invocation {

    /** Marks "no value piped in", distinct from a piped-in nil. */
    private static final Object MISSING = new Object();
    private static final int MAX_EXEC_DEPTH = 100000;

    /** Unwinds a range body for {{break}}; carries no stack trace. */
    private static final class Break extends RuntimeException {
        Break() {
            super(null, null, false, false);
        }
    }

    /** Unwinds a range body for {{continue}}. */
    private static final class Continue extends RuntimeException {
        Continue() {
            super(null, null, false, false);
        }
    }

    private static final Break BREAK = new Break();
    private static final Continue CONTINUE = new Continue();

    private final Template tmpl;
    private final Object context;
    private final StringBuilder out;
    private String name;
    private List<String> varNames = new ArrayList<>();
    private List<Object> varValues = new ArrayList<>();
    private Node node;
    private int depth;

    Executor(Template tmpl, String name, Object context, StringBuilder out) {
        this.tmpl = tmpl;
        this.name = name;
        this.context = context;
        this.out = out;
    }

    void run(Object dot, ListNode root) {
        push("$", dot);
        try {
            walk(dot, root);
        } catch (StackOverflowError e) {
            // Go stops runaway template recursion at a fixed depth; the JVM stack runs out first.
            throw errorf("exceeded maximum template depth (" + MAX_EXEC_DEPTH + ")");
        }
    }

    @Override
    public Object context() {
        return context;
    }

    @Override
    public String executeTemplate(String templateName, Object dot) {
        ListNode root = tmpl.tree(templateName);
        if (root == null) {
            throw new FunctionException("template: no template " + GoStrings.quote(templateName)
                    + " associated with template " + GoStrings.quote(tmpl.name()));
        }
        StringBuilder b = new StringBuilder();
        Executor nested = new Executor(tmpl, templateName, context, b);
        try {
            nested.run(dot, root);
        } catch (TemplateException e) {
            throw new FunctionException(e.getMessage());
        }
        return b.toString();
    }

    // ---- variables

    private void push(String varName, Object value) {
        varNames.add(varName);
        varValues.add(value);
    }

    private int mark() {
        return varNames.size();
    }

    private void pop(int mark) {
        while (varNames.size() > mark) {
            varNames.removeLast();
            varValues.removeLast();
        }
    }

    private void setVar(String varName, Object value) {
        for (int i = varNames.size() - 1; i >= 0; i--) {
            if (varNames.get(i).equals(varName)) {
                varValues.set(i, value);
                return;
            }
        }
        throw errorf("undefined variable: " + varName);
    }

    private void setTopVar(int n, Object value) {
        varValues.set(varValues.size() - n, value);
    }

    private Object varValue(String varName) {
        for (int i = varNames.size() - 1; i >= 0; i--) {
            if (varNames.get(i).equals(varName)) {
                return varValues.get(i);
            }
        }
        throw errorf("undefined variable: " + varName);
    }

    // ---- errors

    private TemplateException errorf(String message) {
        if (node == null) {
            throw new TemplateException(TemplateException.Phase.EXECUTE, tmpl.name(), 0, -1,
                    "template: " + name + ": " + message);
        }
        String text = tmpl.text();
        int pos = Math.min(node.pos(), text.length());
        int lineStart = text.lastIndexOf('\n', pos - 1) + 1;
        int column = GoStrings.byteLength(text.substring(lineStart, pos));
        int line = 1 + Lexer.count(text, 0, pos, '\n');
        throw new TemplateException(TemplateException.Phase.EXECUTE, tmpl.name(), line, column,
                "template: " + tmpl.name() + ":" + line + ":" + column + ": executing " + GoStrings.quote(name)
                        + " at <" + node + ">: " + message);
    }

    // ---- walking

    private void walk(Object dot, Node n) {
        node = n;
        switch (n) {
            case ActionNode a -> {
                Object val = evalPipeline(dot, a.pipe());
                if (a.pipe().decl().isEmpty()) {
                    printValue(a, val);
                }
            }
            case BreakNode b -> throw BREAK;
            case ContinueNode c -> throw CONTINUE;
            case BranchNode b -> {
                switch (b.kind()) {
                    case RANGE -> walkRange(dot, b);
                    case IF, WITH -> walkIfOrWith(b, dot);
                }
            }
            case ListNode l -> {
                for (Node child : l.nodes()) {
                    walk(dot, child);
                }
            }
            case TemplateNode t -> walkTemplate(dot, t);
            case TextNode t -> out.append(t.text());
            default -> throw errorf("unknown node: " + n);
        }
    }

    private void printValue(Node n, Object v) {
        node = n;
        if (v instanceof GoChannel || v instanceof TemplateFunction) {
            throw errorf("can't print " + n + " of type " + GoValues.typeName(v));
        }
        out.append(GoFmt.printAction(v));
    }

    private void walkIfOrWith(BranchNode b, Object dot) {
        int mark = mark();
        try {
            Object val = evalPipeline(dot, b.pipe());
            if (GoValues.truth(val)) {
                walk(b.kind() == Node.BranchKind.WITH ? val : dot, b.list());
            } else if (b.elseList() != null) {
                walk(dot, b.elseList());
            }
        } finally {
            pop(mark);
        }
    }

    private void walkRange(Object dot, BranchNode r) {
        node = r;
        int outer = mark();
        try {
            Object val = evalPipeline(dot, r.pipe());
            int mark = mark();
            boolean ran = false;
            switch (val) {
                case Long n -> {
                    if (r.pipe().decl().size() > 1) {
                        throw errorf("can't use " + GoFmt.print(val) + " to iterate over more than one variable");
                    }
                    for (long i = 0; i < n; i++) {
                        ran = true;
                        oneIteration(r, mark, null, i);
                    }
                }
                case GoInt n -> {
                    if (r.pipe().decl().size() > 1) {
                        throw errorf("can't use " + GoFmt.print(val) + " to iterate over more than one variable");
                    }
                    // Go ranges over an integer of any size and yields values of that type.
                    for (long i = 0; n.unsigned() ? Long.compareUnsigned(i, n.value()) < 0 : i < n.value(); i++) {
                        ran = true;
                        oneIteration(r, mark, null, new GoInt(i, n.goTypeName()));
                    }
                }
                case List<?> list -> {
                    for (int i = 0; i < list.size(); i++) {
                        ran = true;
                        oneIteration(r, mark, (long) i, GoValues.normalize(list.get(i)));
                    }
                }
                case Map<?, ?> map -> {
                    List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
                    if (!(map instanceof GoMap<?>)) {
                        entries.sort((x, y) -> GoFmt.compareKeys(x.getKey(), y.getKey()));
                    }
                    for (Map.Entry<?, ?> e : entries) {
                        ran = true;
                        oneIteration(r, mark, e.getKey(), GoValues.normalize(e.getValue()));
                    }
                }
                case GoChannel ch -> {
                    for (int i = 0; i < ch.values().size(); i++) {
                        ran = true;
                        oneIteration(r, mark, (long) i, GoValues.normalize(ch.values().get(i)));
                    }
                }
                case null -> {
                    // An invalid value, e.g. a nil map, ranges like an empty one.
                }
                // Go indirects pointers first, so a struct prints without '&' and a nil pointer as <nil>.
                default -> throw errorf("range can't iterate over " + GoFmt.printAction(val));
            }
            if (!ran && r.elseList() != null) {
                walk(dot, r.elseList());
            }
        } catch (Break b) {
            // {{break}} ends the loop.
        } finally {
            pop(outer);
        }
    }

    private void oneIteration(BranchNode r, int mark, Object index, Object elem) {
        PipeNode pipe = r.pipe();
        List<VariableNode> decl = pipe.decl();
        if (!decl.isEmpty()) {
            if (pipe.isAssign()) {
                setVar(decl.get(0).ident().getFirst(), decl.size() > 1 ? index : elem);
            } else {
                setTopVar(1, elem);
            }
        }
        if (decl.size() > 1) {
            if (pipe.isAssign()) {
                setVar(decl.get(1).ident().getFirst(), elem);
            } else {
                setTopVar(2, index);
            }
        }
        try {
            walk(elem, r.list());
        } catch (Continue c) {
            // {{continue}} ends this iteration.
        } finally {
            pop(mark);
        }
    }

    private void walkTemplate(Object dot, TemplateNode t) {
        node = t;
        ListNode root = tmpl.tree(t.name());
        if (root == null) {
            throw errorf("template " + GoStrings.quote(t.name()) + " not defined");
        }
        if (depth == MAX_EXEC_DEPTH) {
            throw errorf("exceeded maximum template depth (" + MAX_EXEC_DEPTH + ")");
        }
        Object newDot = evalPipeline(dot, t.pipe());
        String savedName = name;
        List<String> savedNames = varNames;
        List<Object> savedValues = varValues;
        name = t.name();
        varNames = new ArrayList<>();
        varValues = new ArrayList<>();
        depth++;
        try {
            // No dynamic scoping: the called template sees only $.
            push("$", newDot);
            walk(newDot, root);
        } finally {
            depth--;
            name = savedName;
            varNames = savedNames;
            varValues = savedValues;
        }
    }

    // ---- evaluation

    private Object evalPipeline(Object dot, PipeNode pipe) {
        if (pipe == null) {
            return null;
        }
        node = pipe;
        Object value = MISSING;
        for (CommandNode cmd : pipe.cmds()) {
            value = evalCommand(dot, cmd, value);
        }
        for (VariableNode v : pipe.decl()) {
            if (pipe.isAssign()) {
                setVar(v.ident().getFirst(), value);
            } else {
                push(v.ident().getFirst(), value);
            }
        }
        return value;
    }

    private void notAFunction(List<Node> args, Object fin) {
        if (args.size() > 1 || fin != MISSING) {
            throw errorf("can't give argument to non-function " + args.getFirst());
        }
    }

    private Object evalCommand(Object dot, CommandNode cmd, Object fin) {
        Node first = cmd.args().getFirst();
        switch (first) {
            case FieldNode f -> {
                return evalFieldNode(dot, f, cmd.args(), fin);
            }
            case ChainNode c -> {
                return evalChainNode(dot, c, cmd.args(), fin);
            }
            case IdentifierNode id -> {
                return evalFunction(dot, id, cmd, cmd.args(), fin);
            }
            case PipeNode p -> {
                notAFunction(cmd.args(), fin);
                return evalPipeline(dot, p);
            }
            case VariableNode v -> {
                return evalVariableNode(dot, v, cmd.args(), fin);
            }
            default -> {
            }
        }
        node = first;
        notAFunction(cmd.args(), fin);
        return switch (first) {
            case BoolNode b -> b.value();
            case DotNode d -> dot;
            case NilNode n -> throw errorf("nil is not a command");
            case NumberNode n -> idealConstant(n);
            case StringNode s -> s.text();
            default -> throw errorf("can't evaluate command " + GoStrings.quote(first.toString()));
        };
    }

    private Object idealConstant(NumberNode c) {
        node = c;
        if (c.isComplex()) {
            return new GoComplex(c.real(), c.imag());
        }
        String text = c.text();
        boolean hexInt = text.length() > 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X')
                && !Numbers.containsAny(text, "pP");
        boolean runeInt = !text.isEmpty() && text.charAt(0) == '\'';
        if (c.isFloat() && !hexInt && !runeInt && Numbers.containsAny(text, ".eEpP")) {
            return c.float64();
        }
        if (c.isInt()) {
            return c.int64();
        }
        if (c.isUint()) {
            throw errorf(text + " overflows int");
        }
        return null;
    }

    private Object evalFieldNode(Object dot, FieldNode field, List<Node> args, Object fin) {
        node = field;
        return evalFieldChain(dot, dot, field, field.ident(), args, fin);
    }

    private Object evalChainNode(Object dot, ChainNode chain, List<Node> args, Object fin) {
        node = chain;
        if (chain.node() instanceof NilNode) {
            throw errorf("indirection through explicit nil in " + chain);
        }
        Object pipe = evalArg(dot, ArgType.ANY, chain.node());
        return evalFieldChain(dot, pipe, chain, chain.fields(), args, fin);
    }

    private Object evalVariableNode(Object dot, VariableNode variable, List<Node> args, Object fin) {
        node = variable;
        Object value = varValue(variable.ident().getFirst());
        if (variable.ident().size() == 1) {
            notAFunction(args == null ? List.of(variable) : args, fin);
            return value;
        }
        List<String> ident = variable.ident();
        return evalFieldChain(dot, value, variable, ident.subList(1, ident.size()), args, fin);
    }

    private Object evalFieldChain(Object dot, Object receiver, Node n, List<String> ident, List<Node> args,
                                  Object fin) {
        int last = ident.size() - 1;
        for (int i = 0; i < last; i++) {
            receiver = evalField(dot, ident.get(i), n, null, MISSING, receiver);
        }
        return evalField(dot, ident.get(last), n, args, fin, receiver);
    }

    private Object evalField(Object dot, String fieldName, Node n, List<Node> args, Object fin, Object receiver) {
        if (receiver == null) {
            if (tmpl.missingKey() == MissingKey.ERROR) {
                throw errorf("nil data; no entry for key " + GoStrings.quote(fieldName));
            }
            return null;
        }
        boolean hasArgs = (args != null && args.size() > 1) || fin != MISSING;
        switch (receiver) {
            case GoStruct s -> {
                var method = s.method(fieldName);
                if (method.isPresent()) {
                    return evalCall(dot, method.get(), false, n, fieldName, args, fin);
                }
                Object v = s.field(fieldName);
                if (v != GoStruct.NO_FIELD) {
                    if (hasArgs) {
                        throw errorf(fieldName + " has arguments but cannot be invoked as function");
                    }
                    return GoValues.normalize(v);
                }
            }
            case GoNil nil -> {
                if (nil.hasField(fieldName)) {
                    throw errorf("nil pointer evaluating " + nil.goTypeName() + "." + fieldName);
                }
            }
            case Map<?, ?> m -> {
                if (stringKeyed(m)) {
                    if (hasArgs) {
                        throw errorf(fieldName + " is not a method but has arguments");
                    }
                    if (m.containsKey(fieldName)) {
                        return GoValues.normalize(m.get(fieldName));
                    }
                    return switch (tmpl.missingKey()) {
                        case INVALID -> null;
                        case ZERO -> m instanceof GoMap<?> g ? g.zero() : null;
                        case ERROR -> throw errorf("map has no entry for key " + GoStrings.quote(fieldName));
                    };
                }
            }
            default -> {
            }
        }
        throw errorf("can't evaluate field " + fieldName + " in type " + GoValues.typeName(receiver));
    }

    private static boolean stringKeyed(Map<?, ?> m) {
        if (m instanceof GoMap<?>) {
            return true;
        }
        for (Object k : m.keySet()) {
            return k instanceof String;
        }
        return true;
    }

    private Object evalFunction(Object dot, IdentifierNode id, Node cmd, List<Node> args, Object fin) {
        node = id;
        TemplateFunction fn = tmpl.function(id.name());
        if (fn == null) {
            throw errorf(GoStrings.quote(id.name()) + " is not a defined function");
        }
        return evalCall(dot, fn, tmpl.isBuiltin(id.name()), cmd, id.name(), args, fin);
    }

    private Object evalCall(Object dot, TemplateFunction fn, boolean isBuiltin, Node n, String fnName,
                            List<Node> args, Object fin) {
        List<Node> a = args == null ? List.of() : args.subList(1, args.size());
        List<ArgType> params = fn.params();
        int numIn = a.size() + (fin != MISSING ? 1 : 0);
        int numFixed = a.size();
        if (fn.variadic()) {
            numFixed = params.size() - 1;
            if (numIn < numFixed) {
                throw errorf("wrong number of args for " + fnName + ": want at least " + (params.size() - 1)
                        + " got " + a.size());
            }
        } else if (numIn != params.size()) {
            throw errorf("wrong number of args for " + fnName + ": want " + params.size() + " got " + numIn);
        }
        if (isBuiltin && (fnName.equals("and") || fnName.equals("or"))) {
            boolean isOr = fnName.equals("or");
            Object v = null;
            for (Node arg : a) {
                v = evalArg(dot, ArgType.ANY, arg);
                if (GoValues.truth(v) == isOr) {
                    return v;
                }
            }
            if (fin != MISSING) {
                v = fin;
            }
            return v;
        }
        Object[] argv = new Object[numIn];
        int i = 0;
        for (; i < numFixed && i < a.size(); i++) {
            argv[i] = evalArg(dot, params.get(i), a.get(i));
        }
        if (fn.variadic()) {
            ArgType t = params.getLast();
            for (; i < a.size(); i++) {
                argv[i] = evalArg(dot, t, a.get(i));
            }
        }
        if (fin != MISSING) {
            ArgType t = params.getLast();
            if (fn.variadic() && numIn - 1 < numFixed) {
                t = params.get(numIn - 1);
            }
            argv[i] = validateType(fin, t);
        }
        if (isBuiltin && fnName.equals("call")) {
            // Go names a piped callee with reflect.Value.String, which spells non-strings as "<int Value>".
            String callee = !a.isEmpty() ? a.getFirst().toString()
                    : fin instanceof String str ? str : "<" + GoValues.typeName(fin) + " Value>";
            return invoke(n, fnName, () -> Builtins.call(this, callee, Arrays.asList(argv)));
        }
        return invoke(n, fnName, () -> fn.body().call(this, Arrays.asList(argv)));
    }

    private Object invoke(Node n, String fnName, java.util.function.Supplier<Object> call) {
        try {
            return GoValues.normalize(call.get());
        } catch (TemplateException | Break | Continue e) {
            throw e;
        } catch (FunctionException e) {
            node = n;
            throw errorf("error calling " + fnName + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // Go's safeCall turns a panicking function into an error result.
            node = n;
            throw errorf("error calling " + fnName + ": " + (e.getMessage() != null ? e.getMessage() : e));
        }
    }

    private Object validateType(Object value, ArgType typ) {
        if (value == null) {
            if (typ == ArgType.ANY) {
                return null;
            }
            throw errorf("invalid value; expected " + typ.goName());
        }
        boolean ok = switch (typ) {
            case ANY -> true;
            case STRING -> value instanceof String;
            case INT -> value instanceof Long;
            case FLOAT -> value instanceof Double;
            case BOOL -> value instanceof Boolean;
            case STRING_SLICE, ANY_SLICE -> value instanceof List<?> && GoValues.typeName(value).equals(typ.goName());
        };
        if (!ok) {
            throw errorf("wrong type for value; expected " + typ.goName() + "; got " + GoValues.typeName(value));
        }
        return value;
    }

    private Object evalArg(Object dot, ArgType typ, Node n) {
        node = n;
        switch (n) {
            case DotNode d -> {
                return validateType(dot, typ);
            }
            case NilNode x -> {
                if (typ == ArgType.ANY) {
                    return null;
                }
                throw errorf("cannot assign nil to " + typ.goName());
            }
            case FieldNode f -> {
                return validateType(evalFieldNode(dot, f, List.of(n), MISSING), typ);
            }
            case VariableNode v -> {
                return validateType(evalVariableNode(dot, v, null, MISSING), typ);
            }
            case PipeNode p -> {
                return validateType(evalPipeline(dot, p), typ);
            }
            case IdentifierNode id -> {
                return validateType(evalFunction(dot, id, id, null, MISSING), typ);
            }
            case ChainNode c -> {
                return validateType(evalChainNode(dot, c, null, MISSING), typ);
            }
            default -> {
            }
        }
        return switch (typ) {
            case BOOL -> {
                if (n instanceof BoolNode b) {
                    yield b.value();
                }
                throw errorf("expected bool; found " + n);
            }
            case FLOAT -> {
                if (n instanceof NumberNode num && num.isFloat()) {
                    yield num.float64();
                }
                throw errorf("expected float; found " + n);
            }
            case INT -> {
                if (n instanceof NumberNode num && num.isInt()) {
                    yield num.int64();
                }
                throw errorf("expected integer; found " + n);
            }
            case STRING -> {
                if (n instanceof StringNode s) {
                    yield s.text();
                }
                throw errorf("expected string; found " + n);
            }
            case ANY -> evalEmptyInterface(dot, n);
            case STRING_SLICE, ANY_SLICE -> throw errorf("can't handle " + n + " for arg of type " + typ.goName());
        };
    }

    private Object evalEmptyInterface(Object dot, Node n) {
        node = n;
        return switch (n) {
            case BoolNode b -> b.value();
            case NumberNode num -> idealConstant(num);
            case StringNode s -> s.text();
            default -> throw errorf("can't handle assignment of " + n + " to empty interface argument");
        };
    }
}
