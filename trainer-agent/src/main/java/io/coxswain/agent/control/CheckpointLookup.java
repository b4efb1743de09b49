package io.coxswain.agent.control;

/**
 * What the training loop found at a checkpoint path that a {@code load_checkpoint} action names, looked at before the
 * command is decided (so that {@link CommandDecider} stays a pure function and rejects a command whose checkpoint
 * cannot be loaded as a whole).
 */
public sealed interface CheckpointLookup {

    /** The checkpoint was read and fits this run's model; it was saved at {@code step}. */
    record Loadable(long step) implements CheckpointLookup {
    }

    /** The checkpoint cannot be loaded; {@code problem} says why, without repeating the path. */
    record Unloadable(String problem) implements CheckpointLookup {
    }
}
