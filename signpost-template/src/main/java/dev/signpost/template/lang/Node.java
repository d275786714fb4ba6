package dev.signpost.template.lang;

import java.util.List;
import java.util.StringJoiner;

/**
 * The parse tree of a template, one record per Go parse node. {@link #pos()} is the char offset of the node in the
 * template text; {@link #toString()} renders the node the way Go's Node.String does, because execution errors quote
 * it ({@code executing "t" at <index . 0>}). All nodes are immutable after parsing and safe to share between threads.
 */
sealed interface Node {

    int pos();

    /** A sequence of nodes: a template body or a branch. */
    record ListNode(int pos, List<Node> nodes) implements Node {
        public ListNode {
            nodes = List.copyOf(nodes);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            nodes.forEach(b::append);
            return b.toString();
        }
    }

    /** Plain text copied to the output. */
    record TextNode(int pos, String text) implements Node {
        @Override
        public String toString() {
            return text;
        }
    }

    /** An action that prints its pipeline's value unless the pipeline declares variables. */
    record ActionNode(int pos, int line, PipeNode pipe) implements Node {
        @Override
        public String toString() {
            return "{{" + pipe + "}}";
        }
    }

    /** Declarations plus a chain of commands joined by '|'. */
    record PipeNode(int pos, int line, boolean isAssign, List<VariableNode> decl, List<CommandNode> cmds)
            implements Node {
        public PipeNode {
            decl = List.copyOf(decl);
            cmds = List.copyOf(cmds);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            if (!decl.isEmpty()) {
                StringJoiner j = new StringJoiner(", ");
                decl.forEach(v -> j.add(v.toString()));
                b.append(j).append(isAssign ? " = " : " := ");
            }
            StringJoiner j = new StringJoiner(" | ");
            cmds.forEach(c -> j.add(c.toString()));
            return b.append(j).toString();
        }
    }

    /** One stage of a pipeline: a function, field or value followed by arguments. */
    record CommandNode(int pos, List<Node> args) implements Node {
        public CommandNode {
            args = List.copyOf(args);
        }

        @Override
        public String toString() {
            StringJoiner j = new StringJoiner(" ");
            for (Node arg : args) {
                j.add(arg instanceof PipeNode ? "(" + arg + ")" : arg.toString());
            }
            return j.toString();
        }
    }

    /** A function name. */
    record IdentifierNode(int pos, String name) implements Node {
        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code $x} or {@code $x.Field.Chain}; ident(0) is the variable name including '$'. */
    record VariableNode(int pos, List<String> ident) implements Node {
        public VariableNode {
            ident = List.copyOf(ident);
        }

        @Override
        public String toString() {
            return String.join(".", ident);
        }
    }

    /** The cursor, '.'. */
    record DotNode(int pos) implements Node {
        @Override
        public String toString() {
            return ".";
        }
    }

    /** The untyped nil constant. */
    record NilNode(int pos) implements Node {
        @Override
        public String toString() {
            return "nil";
        }
    }

    /** {@code .A.B.C} applied to dot. */
    record FieldNode(int pos, List<String> ident) implements Node {
        public FieldNode {
            ident = List.copyOf(ident);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            ident.forEach(i -> b.append('.').append(i));
            return b.toString();
        }
    }

    /** A term followed by field accesses, e.g. {@code (index . 0).Port}. */
    record ChainNode(int pos, Node node, List<String> fields) implements Node {
        public ChainNode {
            fields = List.copyOf(fields);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            b.append(node instanceof PipeNode ? "(" + node + ")" : node.toString());
            fields.forEach(f -> b.append('.').append(f));
            return b.toString();
        }
    }

    /** true or false. */
    record BoolNode(int pos, boolean value) implements Node {
        @Override
        public String toString() {
            return value ? "true" : "false";
        }
    }

    /** A numeric literal with every interpretation Go's parser found valid for it. */
    record NumberNode(int pos, String text, boolean isInt, boolean isUint, boolean isFloat, boolean isComplex,
                      long int64, long uint64, double float64, double real, double imag) implements Node {
        @Override
        public String toString() {
            return text;
        }
    }

    /** A string literal; quoted is the source form, text the value. */
    record StringNode(int pos, String quoted, String text) implements Node {
        @Override
        public String toString() {
            return quoted;
        }
    }

    /** Which control structure a {@link BranchNode} is. */
    enum BranchKind { IF, RANGE, WITH }

    /** if, range or with, each with an optional else list. */
    record BranchNode(BranchKind kind, int pos, int line, PipeNode pipe, ListNode list, ListNode elseList)
            implements Node {
        @Override
        public String toString() {
            String name = kind.name().toLowerCase(java.util.Locale.ROOT);
            StringBuilder b = new StringBuilder("{{").append(name).append(' ').append(pipe).append("}}").append(list);
            if (elseList != null) {
                b.append("{{else}}").append(elseList);
            }
            return b.append("{{end}}").toString();
        }
    }

    /** {@code {{template "name" pipeline}}}; pipe may be null. */
    record TemplateNode(int pos, int line, String name, PipeNode pipe) implements Node {
        @Override
        public String toString() {
            return pipe == null ? "{{template " + GoStrings.quote(name) + "}}"
                    : "{{template " + GoStrings.quote(name) + " " + pipe + "}}";
        }
    }

    /** {@code {{break}}}. */
    record BreakNode(int pos, int line) implements Node {
        @Override
        public String toString() {
            return "{{break}}";
        }
    }

    /** {@code {{continue}}}. */
    record ContinueNode(int pos, int line) implements Node {
        @Override
        public String toString() {
            return "{{continue}}";
        }
    }

    /** {@code {{end}}}; only seen while parsing. */
    record EndNode(int pos) implements Node {
        @Override
        public String toString() {
            return "{{end}}";
        }
    }

    /** {@code {{else}}}; only seen while parsing. */
    record ElseNode(int pos, int line) implements Node {
        @Override
        public String toString() {
            return "{{else}}";
        }
    }
}
