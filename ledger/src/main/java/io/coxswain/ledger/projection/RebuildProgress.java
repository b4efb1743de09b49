package io.coxswain.ledger.projection;

/** Told how a {@link ProjectionRebuild} advances, e.g. to draw a progress bar. Called on the rebuilding thread. */
public interface RebuildProgress {
    RebuildProgress NONE = new RebuildProgress() {
    };

    /** The projections are emptied; {@code events} rows are to be replayed. */
    default void started(long events) {
    }

    /** {@code replayed} rows are replayed so far (more than announced when rows were stored meanwhile). */
    default void replayed(long replayed) {
    }
}
