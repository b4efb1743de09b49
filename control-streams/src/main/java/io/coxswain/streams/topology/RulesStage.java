package io.coxswain.streams.topology;

/** The two places rule sets run: per run (keyed by run id) and per cohort (keyed by experiment id). */
enum RulesStage {
    PER_RUN("rule-sets", false),
    COHORT("cohort-rule-sets", true);

    private final String prefix;
    private final boolean cohort;

    RulesStage(String prefix, boolean cohort) {
        this.prefix = prefix;
        this.cohort = cohort;
    }

    boolean cohort() {
        return cohort;
    }

    String processorName() {
        return prefix;
    }

    String infoStore() {
        return prefix + "-run-info";
    }

    String ruleStateStore() {
        return prefix + "-rule-state";
    }

    String trackStore() {
        return prefix + "-tracks";
    }
}
