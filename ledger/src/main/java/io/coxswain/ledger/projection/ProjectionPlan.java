package io.coxswain.ledger.projection;

import java.util.List;

/** Everything one batch of newly stored messages changes in the projections. */
public record ProjectionPlan(List<RunTransition> transitions, List<StepProgress> steps,
                             List<NewParameterChange> parameterChanges, List<CommandReason> commandReasons) {

    public ProjectionPlan {
        transitions = List.copyOf(transitions);
        steps = List.copyOf(steps);
        parameterChanges = List.copyOf(parameterChanges);
        commandReasons = List.copyOf(commandReasons);
    }
}
