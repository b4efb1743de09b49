package io.coxswain.cli.commands;

import io.coxswain.ledger.projection.RebuildProgress;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/** Draws a rebuild's progress as a bar of events replayed, on one line of {@code out} (stderr). */
final class RebuildBar implements RebuildProgress, AutoCloseable {
    private static final int WIDTH = 100;

    private final PrintWriter out;
    private ProgressBar bar;

    RebuildBar(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void started(long events) {
        bar = new ProgressBarBuilder()
                .setTaskName("Rebuilding")
                .setInitialMax(events)
                .setUnit(" events", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .setConsumer(new LineConsumer(out))
                .build();
    }

    @Override
    public void replayed(long replayed) {
        if (replayed > bar.getMax()) {
            bar.maxHint(replayed);
        }
        bar.stepTo(replayed);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
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
