package io.coxswain.ledger.savings;

import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.SourceKind;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.StepCompleted;
import java.util.List;

/**
 * Two runs with what they saved, computed by hand.
 * <ul>
 *   <li>{@link #resumed}: step-bounded, metered by NVML at 100 W before a failure at step 4, resumed from its step-2
 *       checkpoint (not the step-4 one) with 12 planned steps instead of 10, stopped by a rule at step 5; one change
 *       before the failure, one after.</li>
 *   <li>{@link #epochBounded}: 2 epochs of 320 samples at batch 32 (20 steps), energy_watts 200, no meter; a user
 *       cuts epoch 1 short at step 4, a rule stops it at step 10.</li>
 * </ul>
 */
final class SavingsRuns {
    static final CommandSource STOP_RULE = CommandSource.rule("control-streams", "plateau/stop_on_plateau", null);
    static final CommandSource ANA = CommandSource.user("ana");
    static final CommandSource BOB = CommandSource.user("bob");

    private SavingsRuns() {
    }

    static List<EventEnvelope> resumed(String runId, String experimentId) {
        String nvml = StepCompleted.ENERGY_NVML;
        return new ScriptedRun(runId, experimentId)
                .started(ScriptedRun.config("max_steps", 10, "energy_watts", 80), 10, 8.0, null)
                .step(1, 0.1, 0.1, 32, 0, 32, 0.5, 50.0, nvml)
                .step(2, 0.2, 0.2, 64, 0, 32, 0.25, 25.0, nvml)
                .checkpoint(2, 1000, false)
                .step(3, 0.3, 0.3, 96, 0, 32, 0.75, 75.0, nvml)
                .changed(3, "c-1", "learning_rate", 0.01, 0.005, ANA)
                .changed(3, "c-1", "weight_decay", 0.0, 0.001, ANA)
                .step(4, 0.4, 0.4, 128, 0, 32, 0.5, 50.0, nvml)
                .checkpoint(4, 1500, false)
                .finished(4, "failed", "IOException: disk full (at step 4)")
                .started(ScriptedRun.config("max_steps", 12, "energy_watts", 80), 12, 20.0, 2L)
                .step(3, 0.3, 0.3, 96, 0, 32, 0.25, null, null)
                .step(4, 0.4, 0.4, 128, 0, 32, 0.5, 40.0, StepCompleted.ENERGY_ESTIMATED)
                .changed(4, "c-4", "learning_rate", 0.005, 0.0025, BOB)
                .step(5, 0.5, 0.5, 160, 0, 32, 0.5, null, null)
                .fired(5, "c-2", "stop", STOP_RULE)
                .fired(5, "c-3", "stop", ANA)
                .checkpoint(5, 2000, true)
                .finished(5, "stopped", "rule plateau/stop_on_plateau (command c-2)")
                .events();
    }

    static List<SavingsItem> resumedItems(String runId, String experimentId) {
        String power = " x measured mean power 100 W (nvml over 4 steps)";
        Attribution ana = new Attribution("c-1", SourceKind.USER, "ana", null);
        Attribution bob = new Attribution("c-4", SourceKind.USER, "bob", null);
        Attribution rule = new Attribution("c-2", SourceKind.RULE, "control-streams", "plateau/stop_on_plateau");
        return List.of(
                new SavingsItem(SavingsKind.LIVE_CHANGE, runId, experimentId, 3, ana,
                        new Figure(8.5, Measure.MEASURED, "restart 8 s (measured at the run's start) + 1 steps since "
                                + "the checkpoint at step 2 x median step 0.5 s"),
                        new Figure(850.0, Measure.MEASURED, "8.5 s" + power), null),
                new SavingsItem(SavingsKind.LIVE_CHANGE, runId, experimentId, 4, bob,
                        new Figure(9.0, Measure.MEASURED, "restart 8 s (measured at the run's start) + 2 steps since "
                                + "the checkpoint at step 2 x median step 0.5 s"),
                        new Figure(900.0, Measure.MEASURED, "9 s" + power), null),
                new SavingsItem(SavingsKind.EARLY_STOP, runId, experimentId, 5, rule,
                        new Figure(3.5, Measure.MEASURED, "7 steps not run (planned 12, stopped at step 5) x median "
                                + "step 0.5 s"),
                        new Figure(350.0, Measure.MEASURED, "3.5 s" + power), null),
                new SavingsItem(SavingsKind.CHECKPOINT_STORAGE, runId, experimentId, 5, null, null, null,
                        new Figure(500, Measure.MEASURED, "baseline every 0.25 epoch: 2 checkpoints over 0.5 epochs x "
                                + "mean 1500 B = 3000 B, less 2500 B written in 2 checkpoints (final checkpoints left "
                                + "out: both policies write one)")));
    }

    static List<EventEnvelope> epochBounded(String runId, String experimentId) {
        ScriptedRun run = new ScriptedRun(runId, experimentId)
                .started(ScriptedRun.config("num_train_epochs", 2, "energy_watts", 200), 20, 5.0, null);
        for (long s = 1; s <= 4; s++) {
            run.step(s, s * 32 / 320.0, s * 32 / 320.0, s * 32, 0, 32, 1.0, null, null);
        }
        run.fired(4, "c-e", "epoch_stop", BOB);
        for (long s = 5; s <= 10; s++) {
            long seen = s * 32;
            run.step(s, (seen + 192) / 320.0, (s - 4) * 32 / 320.0, seen, 192, 32, 1.0, null, null);
        }
        return run.fired(10, "c-s", "stop", STOP_RULE)
                .checkpoint(10, 5000, true)
                .finished(10, "stopped", "rule plateau/stop_on_plateau (command c-s)")
                .events();
    }

    static List<SavingsItem> epochBoundedItems(String runId, String experimentId) {
        String watts = " x configured 200 W (energy_watts)";
        return List.of(
                new SavingsItem(SavingsKind.EARLY_STOP, runId, experimentId, 4,
                        new Attribution("c-e", SourceKind.USER, "bob", null),
                        new Figure(6.0, Measure.MEASURED, "6 steps not run (epoch_stop with 0.6 of an epoch of 320 "
                                + "samples left, batch 32) x median step 1 s"),
                        new Figure(1200.0, Measure.ESTIMATED, "6 s" + watts), null),
                new SavingsItem(SavingsKind.EARLY_STOP, runId, experimentId, 10,
                        new Attribution("c-s", SourceKind.RULE, "control-streams", "plateau/stop_on_plateau"),
                        new Figure(4.0, Measure.MEASURED, "4 steps not run (planned 20, stopped at step 10, less 6 "
                                + "counted for epoch_stop) x median step 1 s"),
                        new Figure(800.0, Measure.ESTIMATED, "4 s" + watts), null),
                new SavingsItem(SavingsKind.CHECKPOINT_STORAGE, runId, experimentId, 10, null, null, null,
                        new Figure(30000, Measure.MEASURED, "baseline every 0.25 epoch: 6 checkpoints over 1.6 epochs "
                                + "x mean 5000 B = 30000 B, less 0 B written in 0 checkpoints (final checkpoints left "
                                + "out: both policies write one)")));
    }
}
