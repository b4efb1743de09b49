package io.coxswain.cli.commands;

import io.coxswain.agent.RunOutcome;
import java.util.List;

/** The demo's runs and how each ended, as its agent reported. */
record DemoRuns(List<Run> runs) {
    record Run(String runId, String role, RunOutcome outcome) {
    }
}
