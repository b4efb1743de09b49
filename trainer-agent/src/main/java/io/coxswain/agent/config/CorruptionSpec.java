package io.coxswain.agent.config;

/**
 * Damage to inject into the batch of one step, to exercise batch inspection (TrAC's data-batch inspector).
 *
 * @param step     the step (from 1) whose batch is damaged
 * @param kind     {@code label_noise} or {@code feature_noise}
 * @param fraction share of the batch's samples damaged, in (0, 1]
 */
public record CorruptionSpec(long step, String kind, double fraction) {
}
