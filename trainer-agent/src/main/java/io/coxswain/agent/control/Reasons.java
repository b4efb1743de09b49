package io.coxswain.agent.control;

import java.util.List;

/**
 * Keeps the reasons of rejections readable and small whatever a command holds: a value or name echoed in a reason
 * is cut to {@value #MAX_ECHO} characters, and a reason lists at most {@value #MAX_PROBLEMS} problems and
 * {@value #MAX_REASON} characters (a rejection must fit in one Kafka record, or it would never be delivered).
 */
public final class Reasons {
    static final int MAX_ECHO = 120;
    static final int MAX_PROBLEMS = 20;
    static final int MAX_REASON = 8000;

    private Reasons() {
    }

    /** The text, or its start and its length when it is longer than {@value #MAX_ECHO} characters. */
    public static String shorten(String text) {
        if (text.length() <= MAX_ECHO) {
            return text;
        }
        return text.substring(0, MAX_ECHO) + "... (" + text.length() + " characters)";
    }

    /** The problems joined with "; ", at most {@value #MAX_PROBLEMS} of them, then how many more there are. */
    public static String join(List<String> problems) {
        StringBuilder reason = new StringBuilder();
        int shown = 0;
        for (String problem : problems) {
            if (shown == 0 && problem.length() > MAX_REASON) {
                problem = problem.substring(0, MAX_REASON) + "... (" + problem.length() + " characters)";
            } else if (shown == MAX_PROBLEMS || reason.length() + problem.length() > MAX_REASON) {
                break;
            }
            if (shown > 0) {
                reason.append("; ");
            }
            reason.append(problem);
            shown++;
        }
        if (shown < problems.size()) {
            reason.append("; and ").append(problems.size() - shown).append(" more problems");
        }
        return reason.toString();
    }
}
