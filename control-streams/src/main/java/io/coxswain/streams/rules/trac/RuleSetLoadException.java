package io.coxswain.streams.rules.trac;

import io.coxswain.protocol.CoxswainException;

/**
 * A TrAC controller file cannot be loaded. The message names the entry ({@code controller 'x'}, {@code metric 'y'},
 * {@code operation 'z'} or {@code file}), the field, the rule column when the rule text is at fault, and the line.
 */
public final class RuleSetLoadException extends CoxswainException {
    private final String source;
    private final String subject;
    private final String field;
    private final int line;
    private final int column;

    RuleSetLoadException(String source, String subject, String field, int line, String problem) {
        this(source, subject, field, line, 0, problem);
    }

    RuleSetLoadException(String source, String subject, String field, int line, int column, String problem) {
        super(subject + (field.isEmpty() ? "" : ", field '" + field + "'")
                + (column > 0 ? ", column " + column : "") + ": " + problem
                + " (" + source + (line > 0 ? " line " + line : "") + ")");
        this.source = source;
        this.subject = subject;
        this.field = field;
        this.line = line;
        this.column = column;
    }

    /** The name the file was loaded under. */
    public String source() {
        return source;
    }

    /** The entry at fault, e.g. {@code controller 'stop-on-plateau'}, or {@code file}. */
    public String subject() {
        return subject;
    }

    /** The field at fault; empty when the whole entry is. */
    public String field() {
        return field;
    }

    /** The 1-based line in the file; 0 when unknown. */
    public int line() {
        return line;
    }

    /** The 1-based column in the rule text; 0 when the rule text is not at fault. */
    public int column() {
        return column;
    }
}
