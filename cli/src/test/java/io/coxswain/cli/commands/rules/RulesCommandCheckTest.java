package io.coxswain.cli.commands.rules;

import static io.coxswain.cli.commands.rules.CoxRun.cox;
import static io.coxswain.cli.commands.rules.CoxRun.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.cli.ExitCodes;
import io.coxswain.streams.engine.RuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cox rules check}: what a good file holds, and a bad file's message naming controller, field and column. */
class RulesCommandCheckTest {
    private static final Path TRAINING_LOSS = resource("rules/trac/epoch-level-training-loss.yaml");
    private static final Path LOG_CONTROLLER = resource("rules/trac/log-controller.yaml");
    private static final Path BAD = resource("rules/bad-rule.yaml");

    private static String version(Path file) throws Exception {
        return RuleSet.versionOf(Files.readString(file)).substring(0, 12);
    }

    @Test
    void printsVersionScopeMetricsAndEachControllerOfATracExample() throws Exception {
        CoxRun r = cox("rules", "check", TRAINING_LOSS.toString());

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.outLines()).containsExactly(
                "rule set epoch-level-training-loss version " + version(TRAINING_LOSS) + " (" + TRAINING_LOSS + ")",
                "  scope:   all runs",
                "  metrics: training_loss (Loss)",
                "  controller epoch_level_stop_on_training_loss_below_threshold",
                "    triggers:   on_epoch_end",
                "    rule:       training_loss[\"loss\"] < 2.2",
                "    patience:   threshold 0, reset_on_failure",
                "    operations: hfcontrols.should_training_stop (trigger stop)");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void checksEveryFileShowingPatienceModeOperationsAndScope() throws Exception {
        Path epochLog = resource("rules/epoch-log.yaml");
        CoxRun r = cox("rules", "check", LOG_CONTROLLER.toString(), epochLog.toString(),
                resource("rules/trac/on-log-save.yaml").toString(),
                resource("rules/trac/epoch-level-eval-loss-patience.yaml").toString());

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.outLines()).contains(
                "rule set log-controller version " + version(LOG_CONTROLLER) + " (" + LOG_CONTROLLER + ")",
                "  metrics: training_state (TrainingState), eval_metrics (EvalMetrics)",
                "    triggers:   on_step_end, on_evaluate",
                "    rule:       True",
                "    patience:   threshold 3, no_reset_on_failure",
                "    operations: logcontrolstep.log (LogControl), hfcontrols.should_log (trigger log)",
                "rule set epoch-log version " + version(epochLog) + " (" + epochLog + ")",
                "  scope:   experiments exp-1",
                "rule set on-log-save version " + version(resource("rules/trac/on-log-save.yaml")) + " ("
                        + resource("rules/trac/on-log-save.yaml") + ")",
                "    operations: hfcontrols.should_save (trigger checkpoint)",
                "    patience:   threshold 2, reset_on_failure");
    }

    @Test
    void nameOptionNamesTheRuleSet() {
        CoxRun r = cox("rules", "check", TRAINING_LOSS.toString(), "--name", "stop-low-loss");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.outLines().get(0)).startsWith("rule set stop-low-loss version ");
    }

    @Test
    void aBadFileIsReportedWithControllerFieldColumnAndLineAfterCheckingEveryFile() {
        CoxRun r = cox("rules", "check", BAD.toString(), TRAINING_LOSS.toString());

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0))
                .startsWith(BAD + ": controller 'stop-on-plateau', field 'rule', column 8: ")
                .endsWith("(bad-rule line 7)");
        assertThat(r.out()).contains("rule set epoch-level-training-loss version ");
    }

    @Test
    void aMissingFileOrADirectoryIsNamedWithExitOne(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        CoxRun r = cox("rules", "check", missing.toString(), dir.toString());

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.errLines()).containsExactly(missing + ": no such file",
                dir + ": is a directory, not a rule set file");
    }

    @Test
    void nameWithSeveralFilesIsAUsageError() {
        CoxRun r = cox("rules", "check", TRAINING_LOSS.toString(), LOG_CONTROLLER.toString(), "--name", "x");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--name names one rule set");
    }
}
