package io.coxswain.ledger.query;

/**
 * How often one controller of a rule set fired (sent a command), and how the runs answered.
 *
 * @param ruleSet the rule set, from the command's {@code <set>/<controller>} source
 */
public record FiringCount(String ruleSet, String controller, long fired, long applied, long rejected,
                          long pending) {
}
