package dev.nightshift.sync.leak;

import java.util.function.Consumer;

/** The elements of a PostgreSQL array in text form ({@code {a,"b c",NULL,{d}}}), nested arrays flattened. */
final class ArrayLiteral {

    private ArrayLiteral() {
    }

    static void elements(String literal, Consumer<String> element) {
        int start = literal.indexOf('{'); // skips a leading dimension decoration like [0:1]=
        if (start < 0) {
            return;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = start; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < literal.length()) {
                    current.append(literal.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == '{') {
                current.setLength(0);
            } else if (c == ',' || c == '}') {
                String text = wasQuoted ? current.toString() : current.toString().strip();
                if (wasQuoted || !(text.isEmpty() || text.equalsIgnoreCase("NULL"))) {
                    element.accept(text);
                }
                current.setLength(0);
                wasQuoted = false;
            } else if (c == '\\' && i + 1 < literal.length()) {
                current.append(literal.charAt(++i));
            } else {
                current.append(c);
            }
        }
    }
}
