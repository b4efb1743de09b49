package io.coxswain.cli.commands;

import io.coxswain.protocol.commands.Action;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cox trigger RUN NAME}: fire a one-shot action. */
@Command(name = "trigger", mixinStandardHelpOptions = true,
        description = "Fire a one-shot action (checkpoint, evaluate, stop, ...) on a running run; waits for the answer.",
        footer = {"", "Examples:", "  cox trigger r-1 checkpoint", "  cox trigger r-1 stop --reason 'diverged'",
                "  COX_SIGNING_KEY_FILE=~/.coxswain/signing.key cox trigger r-1 checkpoint",
                "", "Exit: 0 fired, 3 rejected (reason printed), 4 no answer, 5 unknown run, 6 unreachable,",
                "7 run finished."})
public final class TriggerCommand extends CommandSender {
    @Parameters(index = "1", paramLabel = "NAME",
            description = "checkpoint, evaluate, log, stop, epoch_stop, pause or resume.")
    String name;

    @Override
    List<Action> actions() {
        return List.of(new Action.FireTrigger(name));
    }
}
