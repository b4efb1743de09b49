package io.coxswain.ledger.projection;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything one batch of newly stored messages changes in the projections.
 *
 * @param transitions      starts and finishes of runs, in the order they came ({@code runs})
 * @param steps            each run's latest step in the batch ({@code runs})
 * @param parameterChanges {@code parameter_changes} rows
 * @param commandReasons   reasons for the parameter changes stored before their command
 * @param issuedCommands   commands stored now ({@code commands})
 * @param answers          answers to commands stored now ({@code commands})
 * @param checkpoints      checkpoints saved or deleted ({@code checkpoints})
 * @param ruleSets         rule sets loaded, rejected or removed ({@code rule_set_loads})
 */
public record ProjectionPlan(List<RunTransition> transitions, List<StepProgress> steps,
                             List<NewParameterChange> parameterChanges, List<CommandReason> commandReasons,
                             List<IssuedCommand> issuedCommands, List<CommandAnswered> answers,
                             List<CheckpointChange> checkpoints, List<RuleSetChange> ruleSets) {

    public ProjectionPlan {
        transitions = List.copyOf(transitions);
        steps = List.copyOf(steps);
        parameterChanges = List.copyOf(parameterChanges);
        commandReasons = List.copyOf(commandReasons);
        issuedCommands = List.copyOf(issuedCommands);
        answers = List.copyOf(answers);
        checkpoints = List.copyOf(checkpoints);
        ruleSets = List.copyOf(ruleSets);
    }

    /**
     * The runs whose savings this batch can change: those that started, ended, changed a parameter, answered a
     * command, or saved or deleted a checkpoint. Steps alone leave a running run's savings as last computed.
     */
    public Set<String> savingsRuns() {
        Set<String> runs = new TreeSet<>();
        transitions.forEach(t -> runs.add(t.runId()));
        parameterChanges.forEach(c -> runs.add(c.runId()));
        answers.forEach(a -> runs.add(a.runId()));
        checkpoints.forEach(c -> runs.add(c.runId()));
        return runs;
    }
}
