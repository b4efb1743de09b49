package io.coxswain.cli.commands;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for long work, drawn only where a person watches: when cox runs on a terminal and
 * {@code COX_PROGRESS} is not {@code 0}, and never for {@code --json} output. Elsewhere every call does nothing, so
 * piped and scripted output stays clean.
 */
public final class TerminalBar implements AutoCloseable {
    /** Characters the bar takes; lines printed over it are padded to this width to erase it. */
    static final int WIDTH = 100;
    private static final TerminalBar NONE = new TerminalBar(null);

    private ProgressBar bar;

    private TerminalBar(ProgressBar bar) {
        this.bar = bar;
    }

    /** Whether bars are drawn in this process: a terminal, and not turned off with {@code COX_PROGRESS=0}. */
    public static boolean wanted() {
        return System.console() != null && !"0".equals(System.getenv("COX_PROGRESS"));
    }

    /** A bar of {@code max} units named {@code task} on {@code err} when {@code draw}, else one that does nothing. */
    public static TerminalBar open(boolean draw, PrintWriter err, String task, long max, String unit) {
        if (!draw) {
            return NONE;
        }
        return new TerminalBar(new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(1, max))
                .setUnit(" " + unit, 1).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                .setConsumer(new LineConsumer(err)).build());
    }

    public boolean drawn() {
        return bar != null;
    }

    synchronized void maxHint(long max) {
        if (bar != null) {
            bar.maxHint(Math.max(1, max));
        }
    }

    synchronized void stepTo(long done) {
        if (bar != null) {
            if (done > bar.getMax()) {
                bar.maxHint(done);
            }
            bar.stepTo(done);
        }
    }

    public synchronized void stepBy(long done) {
        if (bar != null) {
            bar.stepBy(done);
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** {@code line} padded to erase a bar drawn on the terminal's current line, when one is drawn. */
    public String over(String line) {
        return bar == null ? line : String.format("\r%-" + WIDTH + "s", line);
    }

    /** Redraws the bar in place with a carriage return; ends the line when the bar closes. */
    private record LineConsumer(PrintWriter out) implements ProgressBarConsumer {

        @Override
        public int getMaxRenderedLength() {
            return WIDTH;
        }

        @Override
        public void accept(String rendered) {
            out.print('\r' + (rendered.length() > WIDTH ? rendered.substring(0, WIDTH) : rendered));
            out.flush();
        }

        @Override
        public void close() {
            out.println();
            out.flush();
        }
    }
}
