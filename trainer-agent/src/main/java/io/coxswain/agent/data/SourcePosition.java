package io.coxswain.agent.data;

/**
 * Where one data source stands in its own cycle of shuffled epochs.
 *
 * @param name   the data source's name
 * @param epoch  the source's epoch being drawn, from 0
 * @param offset how many samples of that source epoch have been drawn, in {@code [0, trainSize)}
 */
public record SourcePosition(String name, long epoch, int offset) {
    public SourcePosition {
        if (name == null) {
            throw new IllegalArgumentException("a source position needs the source's name");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("source " + name + ": epoch must be >= 0, got " + epoch);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("source " + name + ": offset must be >= 0, got " + offset);
        }
    }
}
