package io.coxswain.streams.rules.trac;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * What a metric or operation may know besides its own state: the run, its step, its current live parameters and, for
 * rule sets evaluated over a cohort, the other runs of the experiment.
 *
 * @param runId        the run being evaluated
 * @param experimentId its experiment, or null
 * @param step         the step of the event being evaluated
 * @param parameters   the run's live parameters as last reported (RunStarted, then ParameterChanged)
 * @param cohort       the experiment's runs, present only for rule sets that use a cohort metric
 */
public record MetricContext(String runId, String experimentId, long step, Map<String, JsonNode> parameters,
                            Optional<CohortView> cohort) {
}
