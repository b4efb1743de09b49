package io.coxswain.streams.rules.trac;

import io.coxswain.protocol.commands.Action;
import java.util.List;
import java.util.Map;

/**
 * A custom operation as it runs: what one of its actions does when a controller fires. Stateless and shared between
 * threads.
 */
public interface OperationFunction {

    /**
     * The command actions for {@code action}, given the values of the metrics the controller's rule read. An empty
     * list sends nothing; throwing {@link IllegalStateException} reports a RuleFailed for the run and sends nothing.
     */
    List<Action> perform(String action, Map<String, Object> metrics, MetricContext context);
}
