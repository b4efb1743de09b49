package io.coxswain.cli.commands.rules;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cox rules ...}: check, backtest, apply (publish), withdraw and list TrAC rule sets. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "TrAC rule sets: check and backtest them offline, apply (publish) them to the running stack, list and withdraw them.",
        subcommands = {RulesCheckCommand.class, RulesBacktestCommand.class, RulesApplyCommand.class,
                RulesWithdrawCommand.class, RulesListCommand.class},
        footer = {"", "Examples:", "  cox rules check plateau.yaml",
                "  cox rules backtest --rules plateau.yaml --events run-1.jsonl",
                "  cox rules apply plateau.yaml", "  cox rules list", "  cox rules withdraw plateau"})
public final class RulesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
