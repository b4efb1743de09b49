package io.coxswain.agent.loop;

import io.coxswain.agent.checkpoint.AgentCheckpoint;
import io.coxswain.agent.checkpoint.CheckpointException;
import io.coxswain.agent.checkpoint.CheckpointStore;
import io.coxswain.agent.control.CheckpointLookup;
import io.coxswain.agent.workload.Workload;
import io.coxswain.agent.workload.WorkloadException;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.ControlCommand;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and checks the checkpoints a command asks the run to load before the command is decided, so that an accepted
 * command's loads cannot fail halfway: each checkpoint's agent state (its step, the workload that saved it) and its
 * model are read into memory and checked against this run's workload. A checkpoint path is a local path of the
 * machine the agent runs on (a relative one resolves against its working directory): the runs of a cohort share a
 * machine or a shared filesystem.
 */
final class CheckpointLoader {
    private final Workload workload;

    CheckpointLoader(Workload workload) {
        this.workload = workload;
    }

    /** The checkpoints one command names, read and checked, by path as the command wrote it. */
    static final class Prepared {
        static final Prepared NONE = new Prepared();

        private final Map<String, CheckpointLookup> lookups = new HashMap<>();
        private final Map<String, Workload.PreparedLoad> loads = new HashMap<>();

        Map<String, CheckpointLookup> lookups() {
            return Collections.unmodifiableMap(lookups);
        }

        /** Installs a checkpoint the command was decided to load (its lookup was loadable). */
        void load(String checkpoint) {
            loads.get(checkpoint).apply();
        }
    }

    Prepared prepare(ControlCommand command) {
        Prepared prepared = new Prepared();
        for (Action action : command.actions()) {
            if (action instanceof Action.LoadCheckpoint load && load.checkpoint() != null
                    && !load.checkpoint().isBlank() && !prepared.lookups.containsKey(load.checkpoint())) {
                prepared.lookups.put(load.checkpoint(), lookUp(load.checkpoint(), prepared));
            }
        }
        return prepared;
    }

    private CheckpointLookup lookUp(String checkpoint, Prepared prepared) {
        try {
            Path dir = Path.of(checkpoint).toAbsolutePath();
            Optional<String> notACheckpoint = CheckpointStore.notACheckpoint(dir);
            if (notACheckpoint.isPresent()) {
                return new CheckpointLookup.Unloadable(notACheckpoint.get());
            }
            AgentCheckpoint state = CheckpointStore.readState(dir);
            String savedBy = state.config() == null ? null : state.config().path("workload").asText(null);
            if (!workload.name().equals(savedBy)) {
                return new CheckpointLookup.Unloadable("it was saved by a run of workload " + savedBy
                        + ", this run trains " + workload.name());
            }
            prepared.loads.put(checkpoint, workload.prepareLoad(dir));
            return new CheckpointLookup.Loadable(state.step());
        } catch (InvalidPathException e) {
            return new CheckpointLookup.Unloadable("it is not a valid path: " + e.getMessage());
        } catch (CheckpointException | WorkloadException e) {
            return new CheckpointLookup.Unloadable(e.getMessage());
        } catch (RuntimeException e) {
            return new CheckpointLookup.Unloadable("it cannot be read: " + e);
        }
    }
}
