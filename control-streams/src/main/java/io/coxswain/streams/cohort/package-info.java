/**
 * Cohort recipes: plugged-in TrAC metric and operation classes that compare a run with the other runs of its
 * experiment through {@link io.coxswain.streams.rules.trac.CohortView}. {@link io.coxswain.streams.cohort.CohortRank}
 * (standing), {@link io.coxswain.streams.cohort.MedianStoppingRule} (Vizier's median stopping rule),
 * {@link io.coxswain.streams.cohort.SuccessiveHalving} (asynchronous successive halving) and
 * {@link io.coxswain.streams.cohort.PopulationBasedTraining} (exploit and explore). They are registered with
 * {@link java.util.ServiceLoader} in {@code META-INF/services}, so controller files name them by class name.
 */
package io.coxswain.streams.cohort;
