package io.coxswain.streams.cohort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.coxswain.streams.rules.trac.MetricContext;

/** What the cohort recipes share: their state when they keep none, and the reasons they give no value. */
final class Cohorts {
    private Cohorts() {
    }

    /** The state of a metric that keeps none: an empty object. */
    static JsonNode stateless(JsonNode state) {
        return state != null ? state : JsonNodeFactory.instance.objectNode();
    }

    static String noCohort(MetricContext context) {
        return "run " + context.runId() + " has no cohort: its events carry no experiment id";
    }

    static String noPoint(Objective objective, MetricContext context) {
        return "run " + context.runId() + " has not reported a finite '" + objective.key() + "' yet";
    }
}
