package io.coxswain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every {@code cox} command explains itself: {@code --help} everywhere, with examples, and the exit codes at the top. */
class CoxHelpTest {

    @Test
    void everyCommandsHelpShowsExamples() {
        List<String> withoutExamples = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        walk(Cox.commandLine(), (path, line) -> {
            commands.add(path);
            Help help = help(path);
            assertThat(help.code()).as(path + " --help: " + help.err()).isZero();
            if (!help.out().contains("Example")) {
                withoutExamples.add(path);
            }
        });
        assertThat(commands).contains("cox tail", "cox rules apply", "cox audit verify", "cox ledger rebuild");
        assertThat(withoutExamples).as("commands whose --help shows no example").isEmpty();
    }

    @Test
    void topLevelHelpListsEveryExitCode() {
        Help help = help("cox");
        for (int code = 0; code <= 10; code++) {
            assertThat(help.out()).containsPattern("(?m)\\s" + code + "  \\S");
        }
        assertThat(help.out()).contains("5  unknown run").contains("6  Kafka/PostgreSQL unreachable")
                .contains("9  ledger hash chain broken").contains("10  replay's losses differ");
    }

    @Test
    void rulesPublishIsAnotherNameForRulesApply() {
        assertThat(help("cox rules publish").out()).isEqualTo(help("cox rules apply").out());
    }

    private interface Visitor {
        void visit(String path, CommandLine line);
    }

    private static void walk(CommandLine line, Visitor visitor) {
        visitor.visit(line.getCommandSpec().qualifiedName(), line);
        for (Map.Entry<String, CommandLine> sub : line.getSubcommands().entrySet()) {
            if (sub.getKey().equals(sub.getValue().getCommandName())) {
                walk(sub.getValue(), visitor);
            }
        }
    }

    private static Help help(String path) {
        List<String> args = new ArrayList<>(List.of(path.split(" ")).subList(1, path.split(" ").length));
        args.add("--help");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Cox.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args.toArray(String[]::new));
        return new Help(code, out.toString(), err.toString());
    }

    private record Help(int code, String out, String err) {
    }
}
