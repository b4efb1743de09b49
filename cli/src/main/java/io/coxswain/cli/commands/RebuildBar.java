package io.coxswain.cli.commands;

import io.coxswain.ledger.projection.RebuildProgress;
import java.io.PrintWriter;

/** Draws a rebuild's progress as a bar of events replayed, on one line of {@code out} (stderr). */
final class RebuildBar implements RebuildProgress, AutoCloseable {
    private final PrintWriter out;
    private TerminalBar bar;

    RebuildBar(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void started(long events) {
        bar = TerminalBar.open(true, out, "Rebuilding", events, "events");
    }

    @Override
    public void replayed(long replayed) {
        bar.stepTo(replayed);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
