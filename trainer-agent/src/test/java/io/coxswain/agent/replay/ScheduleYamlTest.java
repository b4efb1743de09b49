package io.coxswain.agent.replay;

import static io.coxswain.agent.control.TestCommands.load;
import static io.coxswain.agent.control.TestCommands.set;
import static io.coxswain.agent.control.TestCommands.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.protocol.commands.SourceKind;
import io.coxswain.protocol.schedule.ControlSchedule;
import io.coxswain.protocol.schedule.ScheduleEntry;
import io.coxswain.protocol.schedule.ScheduleOrigin;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleYamlTest {
    private static final ControlSchedule SCHEDULE = new ControlSchedule("r-1", List.of(
            new ScheduleEntry(0, List.of(set("max_grad_norm", 0.5)), null),
            new ScheduleEntry(120, List.of(trigger("checkpoint"), set("learning_rate", 3.0E-4),
                    set("batch_size", 64)), new ScheduleOrigin("c-7", SourceKind.USER, "alice", null)),
            new ScheduleEntry(120, List.of(trigger("evaluate"), trigger("stop")),
                    new ScheduleOrigin("rule-r-1-plateau", SourceKind.RULE, "control-streams", "loss_plateau")),
            new ScheduleEntry(300, List.of(load("/ckpt/r-2/step-000300", "r-2")), null)));

    @Test
    void writesEachEntryWithItsSetsTriggersLoadAndSource() {
        assertThat(ScheduleYaml.write(SCHEDULE)).isEqualTo("""
                from_run: r-1
                entries:
                - step: 0
                  set:
                    max_grad_norm: 0.5
                - step: 120
                  set:
                    learning_rate: 3.0E-4
                    batch_size: 64
                  trigger: checkpoint
                  source:
                    command: c-7
                    kind: user
                    author: alice
                - step: 120
                  trigger:
                  - evaluate
                  - stop
                  source:
                    command: rule-r-1-plateau
                    kind: rule
                    author: control-streams
                    rule: loss_plateau
                - step: 300
                  load_checkpoint:
                    path: /ckpt/r-2/step-000300
                    from_run: r-2
                """);
    }

    @Test
    void readsBackWhatItWritesExactly() {
        LoadedSchedule read = ScheduleYaml.read(ScheduleYaml.write(SCHEDULE), "recipe.yaml");

        assertThat(read.schedule()).isEqualTo(SCHEDULE);
        assertThat(read.lines()).containsExactly(3, 6, 15, 24);
        assertThat(read.where(1)).isEqualTo("entries[1] (line 6)");
        assertThat(ScheduleYaml.fromTree(ScheduleYaml.toTree(SCHEDULE), "tree")).isEqualTo(SCHEDULE);
    }

    @Test
    void readsTheShortFormsPeopleWrite() {
        LoadedSchedule read = ScheduleYaml.read("""
                entries:
                  - {step: 10, set: {learning_rate: 1e-3}}
                  - {step: 20, trigger: [log]}
                """, "mine.yaml");

        assertThat(read.schedule()).isEqualTo(new ControlSchedule(null, List.of(
                new ScheduleEntry(10, List.of(set("learning_rate", 0.001)), null),
                new ScheduleEntry(20, List.of(trigger("log")), null))));
    }

    @Test
    void namesEveryProblemWithItsEntryLineAndField() {
        String text = """
                from_run: r-1
                entries:
                  - step: ten
                    set: {learning_rate: 0.01}
                  - step: -5
                    trigger: chekpoint
                  - step: 30
                  - step: 40
                    set: {weight_decay: 0.1}
                    triger: log
                    source: {kind: robot}
                  - step: 35
                    trigger: [stop, 7]
                  - [step, 50]
                """;

        assertThatThrownBy(() -> ScheduleYaml.read(text, "bad.yaml"))
                .isInstanceOf(InvalidScheduleException.class)
                .satisfies(e -> assertThat(((InvalidScheduleException) e).problems()).containsExactly(
                        "entries[0] (line 3): step must be a whole number >= 0, got string \"ten\"",
                        "entries[1] (line 5): step must be >= 0 (the optimizer steps taken when the entry applies),"
                                + " got -5",
                        "entries[1] (line 5): trigger: unknown trigger string \"chekpoint\" (known: checkpoint,"
                                + " evaluate, log, stop, epoch_stop, pause, resume)",
                        "entries[2] (line 7): needs set, trigger or load_checkpoint: an entry that does nothing is a"
                                + " mistake",
                        "entries[3] (line 8): unknown key 'triger' (known: step, set, trigger, load_checkpoint,"
                                + " source)",
                        "entries[3] (line 8): source.kind must be user, rule or replay, got string \"robot\"",
                        "entries[4] (line 12): step 35 comes after step 40: entries must be in step order",
                        "entries[4] (line 12): trigger: unknown trigger number 7 (known: checkpoint, evaluate, log,"
                                + " stop, epoch_stop, pause, resume)",
                        "entries[5] (line 14): must be a mapping with step and set, trigger or load_checkpoint, got"
                                + " array [\"step\",50]"))
                .hasMessageStartingWith("invalid control schedule bad.yaml (9 problems): entries[0] (line 3): ");
    }

    @Test
    void refusesAFileThatIsNotAScheduleOrNotYaml() {
        assertThatThrownBy(() -> ScheduleYaml.read("- step: 1\n", "list.yaml"))
                .hasMessage("invalid control schedule list.yaml (1 problem): must be a mapping with an 'entries' list"
                        + " (and optionally from_run), got a list");
        assertThatThrownBy(() -> ScheduleYaml.read("", "empty.yaml"))
                .hasMessage("invalid control schedule empty.yaml (1 problem): must be a mapping with an 'entries'"
                        + " list (and optionally from_run), got an empty file");
        assertThatThrownBy(() -> ScheduleYaml.read("steps: []\n", "keys.yaml"))
                .hasMessage("invalid control schedule keys.yaml (2 problems): unknown key 'steps' (known: from_run,"
                        + " entries); entries is required: a list of {step, set, trigger, load_checkpoint}");
        assertThatThrownBy(() -> ScheduleYaml.read("entries: [\n", "broken.yaml"))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessageStartingWith("invalid control schedule broken.yaml (1 problem): not YAML: ");
    }
}
