package io.coxswain.cli.commands;

import io.coxswain.protocol.commands.Action;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cox set RUN k=v...}: change live parameters of a running job. */
@Command(name = "set", mixinStandardHelpOptions = true,
        description = "Change live parameters of a running run; waits for the agent's answer.",
        footer = {"", "Examples:", "  cox set r-1 learning_rate=0.01",
                "  cox set r-1 learning_rate=0.005 eval_steps=50 --reason 'loss oscillates'",
                "  cox set r-1 learning_rate=0.01 --signing-key-file ~/.coxswain/signing.key",
                "", "All values of one command are applied together between two steps, or none is.",
                "Exit: 0 applied or ignored, 3 rejected (reason printed), 4 no answer, 5 unknown run,",
                "6 unreachable, 7 run finished."})
public final class SetCommand extends CommandSender {
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PARAM=VALUE",
            description = "Parameter assignments, e.g. learning_rate=0.01. Values are JSON literals.")
    List<String> assignments;

    @Override
    List<Action> actions() {
        List<Action> actions = new ArrayList<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0 || eq == a.length() - 1) {
                throw usage("'" + a + "' is not PARAM=VALUE (e.g. learning_rate=0.01)");
            }
            actions.add(new Action.SetParameter(a.substring(0, eq).trim(), literal(a.substring(eq + 1).trim())));
        }
        return actions;
    }
}
