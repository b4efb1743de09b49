package io.coxswain.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.CheckpointLoaded;
import io.coxswain.protocol.events.CommandIgnored;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.TriggerFired;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what a command does, as a pure function of the run's control state, the command and what the run found at
 * the checkpoints it names. Every command gets exactly one answer: ignored as a duplicate (its id was answered
 * before), rejected as a whole with every problem named (including a checkpoint that cannot be loaded), ignored as a
 * no-op (every set value already in effect, no trigger and no load), or applied as a whole with one ParameterChanged
 * per set action, one TriggerFired per trigger action and one CheckpointLoaded per load_checkpoint action, in the
 * command's order. A pause while paused, or a resume while running, changes nothing: alone it is a no-op; beside
 * other actions it is answered but carries nothing out.
 */
public final class CommandDecider {

    private CommandDecider() {
    }

    /** Decides a command as a run that looked at no checkpoint: a load_checkpoint action is rejected. */
    public static Decision decide(ControlState state, ControlCommand command) {
        return decide(state, command, Map.of());
    }

    /**
     * @param checkpoints what the run found at each checkpoint path the command's load_checkpoint actions name; a
     *                    path missing here makes its load a problem
     */
    public static Decision decide(ControlState state, ControlCommand command,
                                  Map<String, CheckpointLookup> checkpoints) {
        if (state.hasSeen(command.commandId())) {
            return new Decision(state, List.of(new CommandIgnored(command.commandId(), CommandIgnored.DUPLICATE)),
                    List.of());
        }
        ControlState seen = state.withSeen(command.commandId());
        List<String> problems = problems(state, command.actions(), checkpoints);
        if (problems.isEmpty()) {
            state.parameters().combinedProblem(valuesAfter(state, command.actions())).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            return new Decision(seen, List.of(new CommandRejected(command.commandId(), Reasons.join(problems),
                    command.source())), List.of());
        }
        Map<String, JsonNode> values = new LinkedHashMap<>(state.values());
        List<RunEvent> answers = new ArrayList<>();
        List<FiredTrigger> triggers = new ArrayList<>();
        List<Action.LoadCheckpoint> loads = new ArrayList<>();
        boolean changesSomething = false;
        boolean paused = state.paused();
        for (Action action : command.actions()) {
            if (action instanceof Action.SetParameter set) {
                LiveParameter parameter = state.parameters().find(set.param()).orElseThrow();
                JsonNode oldValue = state.value(set.param());
                JsonNode newValue = parameter.normalize(set.value());
                changesSomething |= !oldValue.equals(newValue);
                values.put(set.param(), newValue);
                answers.add(new ParameterChanged(command.commandId(), set.param(), oldValue, newValue,
                        command.source()));
            } else if (action instanceof Action.FireTrigger fire) {
                TriggerKind kind = TriggerKind.fromWire(fire.name()).orElseThrow();
                if (kind == TriggerKind.PAUSE || kind == TriggerKind.RESUME) {
                    boolean wantPaused = kind == TriggerKind.PAUSE;
                    if (paused == wantPaused) {
                        answers.add(new TriggerFired(command.commandId(), fire.name(), command.source()));
                        continue;
                    }
                    paused = wantPaused;
                }
                changesSomething = true;
                triggers.add(new FiredTrigger(kind, command.commandId(), command.source()));
                answers.add(new TriggerFired(command.commandId(), fire.name(), command.source()));
            } else if (action instanceof Action.LoadCheckpoint load) {
                long fromStep = ((CheckpointLookup.Loadable) checkpoints.get(load.checkpoint())).step();
                changesSomething = true;
                loads.add(load);
                answers.add(new CheckpointLoaded(command.commandId(), load.checkpoint(), load.fromRun(), fromStep,
                        command.source()));
            }
        }
        if (!changesSomething) {
            return new Decision(seen, List.of(new CommandIgnored(command.commandId(), CommandIgnored.NO_OP)),
                    List.of());
        }
        return new Decision(seen.withValues(values).withPaused(paused), answers, triggers, loads);
    }

    private static Map<String, JsonNode> valuesAfter(ControlState state, List<Action> actions) {
        Map<String, JsonNode> values = new LinkedHashMap<>(state.values());
        for (Action action : actions) {
            if (action instanceof Action.SetParameter set) {
                values.put(set.param(), state.parameters().find(set.param()).orElseThrow().normalize(set.value()));
            }
        }
        return values;
    }

    /**
     * Rejects a command as a whole for a reason of the run's own, without looking at its actions (a replay refusing
     * a rule's command); a command id answered before is still a duplicate.
     */
    public static Decision refuse(ControlState state, ControlCommand command, String reason) {
        if (state.hasSeen(command.commandId())) {
            return new Decision(state, List.of(new CommandIgnored(command.commandId(), CommandIgnored.DUPLICATE)),
                    List.of());
        }
        return new Decision(state.withSeen(command.commandId()), List.of(new CommandRejected(command.commandId(),
                reason, command.source())), List.of());
    }

    /** Answers a record of this run that could not be read as a command; the state does not change. */
    public static Decision rejectUnreadable(ControlState state, IncomingCommand.Unreadable unreadable) {
        return new Decision(state, List.of(new CommandRejected(unreadable.commandId(), Reasons.join(List.of(unreadable.reason())), null)),
                List.of());
    }

    private static List<String> problems(ControlState state, List<Action> actions,
                                         Map<String, CheckpointLookup> checkpoints) {
        List<String> problems = new ArrayList<>();
        Set<String> setHere = new HashSet<>();
        for (Action action : actions) {
            if (action instanceof Action.SetParameter set) {
                parameterProblem(state.parameters(), set).ifPresent(problems::add);
                if (!setHere.add(set.param())) {
                    problems.add(Reasons.shorten(set.param()) + " is set more than once in one command");
                }
            } else if (action instanceof Action.FireTrigger fire) {
                triggerProblem(fire.name()).ifPresent(problems::add);
            } else if (action instanceof Action.LoadCheckpoint load) {
                loadProblem(load, checkpoints).ifPresent(problems::add);
            }
        }
        if (actions.isEmpty()) {
            problems.add("the command has no actions");
        }
        return problems;
    }

    private static Optional<String> parameterProblem(LiveParameters parameters, Action.SetParameter set) {
        Optional<LiveParameter> parameter = parameters.find(set.param());
        if (parameter.isPresent()) {
            return parameter.get().problemWith(set.value());
        }
        if (LiveParameters.FIXED_SETTINGS.contains(set.param())) {
            return Optional.of("parameter '" + Reasons.shorten(set.param()) + "' is fixed while the run trains (live parameters: "
                    + parameters.names() + ")");
        }
        return Optional.of("unknown parameter '" + Reasons.shorten(set.param()) + "' (live parameters: " + parameters.names() + ")");
    }

    private static Optional<String> loadProblem(Action.LoadCheckpoint load,
                                                Map<String, CheckpointLookup> checkpoints) {
        String path = load.checkpoint();
        if (path == null || path.isBlank()) {
            return Optional.of("load_checkpoint names no checkpoint (the path is blank)");
        }
        CheckpointLookup lookup = checkpoints.get(path);
        if (lookup instanceof CheckpointLookup.Loadable) {
            return Optional.empty();
        }
        String why = lookup instanceof CheckpointLookup.Unloadable unloadable ? unloadable.problem()
                : "the run did not look at it before deciding the command";
        return Optional.of("cannot load checkpoint '" + Reasons.shorten(path) + "': " + why);
    }

    private static Optional<String> triggerProblem(String name) {
        if (TriggerKind.fromWire(name).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("unknown trigger '" + Reasons.shorten(String.valueOf(name)) + "' (supported: " + TriggerKind.supported() + ")");
    }
}
