package io.coxswain.cli.commands;

import io.coxswain.ledger.savings.Figure;
import io.coxswain.ledger.savings.SavingsItem;
import io.coxswain.ledger.savings.SavingsReport;
import io.coxswain.ledger.savings.SavingsTotals;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/** Savings as text: amounts to 3 significant digits in a fitting unit, each marked measured or estimated. */
public final class SavingsText {
    private static final MathContext THREE_DIGITS = new MathContext(3);

    private SavingsText() {
    }

    /** {@code 16.8 s}, {@code 3.5 min}, {@code 2.1 h}. */
    public static String time(double seconds) {
        double size = Math.abs(seconds);
        return size < 60 ? digits(seconds) + " s" : size < 3600 ? digits(seconds / 60) + " min"
                : digits(seconds / 3600) + " h";
    }

    /** {@code 950 J}, {@code 1.68 kJ}, {@code 3.2 MJ}. */
    public static String energy(double joules) {
        return scaled(joules, 1000, new String[] {"J", "kJ", "MJ", "GJ", "TJ"});
    }

    /** {@code 512 B}, {@code 12 KiB}, {@code -3.5 MiB}. */
    public static String storage(double bytes) {
        return scaled(bytes, 1024, new String[] {"B", "KiB", "MiB", "GiB", "TiB"});
    }

    /** {@code run r-1 early_stop at step 160 by rule p/stop (command c-9): time 16.8 s measured (...); ...}. */
    public static String item(SavingsItem item) {
        StringBuilder line = new StringBuilder("run ").append(item.runId()).append(' ').append(item.kind().wire())
                .append(" at step ").append(item.step()).append(" by ").append(item.creditedTo());
        if (item.by() != null && item.by().commandId() != null) {
            line.append(" (command ").append(item.by().commandId()).append(')');
        }
        line.append(": ").append(String.join("; ", figures(item, true)));
        return line.toString();
    }

    /** {@code time 225 s measured; energy 36 kJ measured + 50 kJ estimated; storage 0 B} (nothing: no label). */
    public static String totals(SavingsTotals totals) {
        return "time " + split(totals.secondsMeasured(), totals.secondsEstimated(), SavingsText::time)
                + "; energy " + split(totals.joulesMeasured(), totals.joulesEstimated(), SavingsText::energy)
                + "; storage " + split(totals.bytesMeasured(), totals.bytesEstimated(), SavingsText::storage);
    }

    /** The whole report: each item with its arithmetic, then totals per run, per credit and per experiment. */
    public static void print(SavingsReport report, PrintWriter out) {
        String run = null;
        for (SavingsItem item : report.items()) {
            if (!item.runId().equals(run)) {
                run = item.runId();
                out.println("run " + run + (item.experimentId() == null ? "" : " (experiment " + item.experimentId()
                        + ")"));
            }
            out.println("  step " + item.step() + "  " + item.kind().wire() + " by " + item.creditedTo()
                    + (item.by() == null || item.by().commandId() == null ? ""
                    : " (command " + item.by().commandId() + ")"));
            figures(item, false).forEach(f -> out.println("    " + f));
        }
        table("per run", report.byRun(), out);
        table("per rule or sender", report.byCredit(), out);
        table("per experiment", report.byExperiment(), out);
        out.println();
        out.println("total (" + report.total().items() + " items): " + totals(report.total()));
    }

    private static void table(String title, Map<String, SavingsTotals> rows, PrintWriter out) {
        out.println();
        out.println(title + ":");
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
        rows.forEach((key, totals) -> out.printf("  %-" + width + "s  %s%n", key, totals(totals)));
    }

    private static List<String> figures(SavingsItem item, boolean inline) {
        List<String> figures = new ArrayList<>();
        add(figures, "time", item.seconds(), SavingsText.time(item.seconds() == null ? 0 : item.seconds().value()),
                inline);
        add(figures, "energy", item.energyJoules(),
                energy(item.energyJoules() == null ? 0 : item.energyJoules().value()), inline);
        add(figures, "storage", item.bytes(), storage(item.bytes() == null ? 0 : item.bytes().value()), inline);
        return figures;
    }

    private static void add(List<String> figures, String what, Figure figure, String amount,
                            boolean inline) {
        if (figure != null) {
            figures.add(inline ? what + " " + amount + " " + figure.measure().wire() + " (" + figure.basis() + ")"
                    : String.format("%-8s %-10s %-10s %s", what, amount, figure.measure().wire(), figure.basis()));
        }
    }

    private static String split(double measured, double estimated,
                                DoubleFunction<String> format) {
        if (estimated == 0 && measured == 0) {
            return format.apply(0);
        }
        if (estimated == 0) {
            return format.apply(measured) + " measured";
        }
        if (measured == 0) {
            return format.apply(estimated) + " estimated";
        }
        return format.apply(measured) + " measured + " + format.apply(estimated) + " estimated";
    }

    private static String scaled(double value, double step, String[] units) {
        int unit = 0;
        double scaled = value;
        while (Math.abs(scaled) >= step && unit < units.length - 1) {
            scaled /= step;
            unit++;
        }
        return digits(scaled) + " " + units[unit];
    }

    /** {@code value} to 3 significant digits, without exponent or trailing zeros. */
    public static String digits(double value) {
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(THREE_DIGITS).stripTrailingZeros().toPlainString();
    }
}
