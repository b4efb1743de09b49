package io.coxswain.agent.workload;

/**
 * One named training data source of a workload. A workload's sources share one global sample index space, in the
 * order the workload lists them: the first source's samples are indices {@code 0..trainSize-1}, the next source's
 * follow, and so on.
 *
 * @param name      e.g. {@code clean}; live parameter {@code mix.<name>} sets its mixture weight
 * @param trainSize samples in this source's training split, at least 1
 */
public record DataSource(String name, int trainSize) {
    public DataSource {
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
            throw new IllegalArgumentException("a data source name must be 1 to 64 lower-case letters, digits, '_'"
                    + " or '-', got '" + name + "'");
        }
        if (trainSize < 1) {
            throw new IllegalArgumentException("data source " + name + " needs at least one sample, got "
                    + trainSize);
        }
    }
}
