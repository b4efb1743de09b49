package io.coxswain.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DoubleNode;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Commands come from any client, so a bad one becomes a {@link Decoded.Failure} that names the problem and keeps the
 * command id and run id whenever they can be read: the agent answers the sender with a CommandRejected.
 */
class CommandDecodingFailureTest {
    private final CommandCodec codec = new CommandCodec();

    private Decoded<ControlCommand> decode(String json) {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> badCommands() {
        return Stream.of(
                Arguments.of("""
                        {"v":2,"commandId":"c-1","runId":"r-1","actions":[{"op":"trigger","name":"stop"}]}""",
                        Decoded.failure("unsupported protocol version v=2 (this build reads v=1)", "r-1", "c-1")),
                Arguments.of("""
                        {"commandId":"c-1","runId":"r-1","actions":[{"op":"trigger","name":"stop"}]}""",
                        Decoded.failure("missing field 'v' (protocol version, 1)", "r-1", "c-1")),
                Arguments.of("""
                        {"v":1,"type":"SetLearningRate","commandId":"c-1","runId":"r-1","actions":[]}""",
                        Decoded.failure("field 'type' must be 'ControlCommand', got \"SetLearningRate\"", "r-1", "c-1")),
                Arguments.of("""
                        {"v":1,"runId":"r-1","actions":[{"op":"trigger","name":"stop"}]}""",
                        Decoded.failure("missing field 'commandId'", "r-1", null)),
                Arguments.of("""
                        {"v":1,"commandId":42,"runId":"r-1","actions":[{"op":"trigger","name":"stop"}]}""",
                        Decoded.failure("field 'commandId' must be a string, got number", "r-1", null)),
                Arguments.of("""
                        {"v":1,"commandId":"c-1","actions":[{"op":"trigger","name":"stop"}]}""",
                        Decoded.failure("missing field 'runId'", null, "c-1")),
                Arguments.of("""
                        {"v":1,"commandId":"c-1","runId":"","actions":[{"op":"trigger","name":"stop"}]}""",
                        Decoded.failure("field 'runId' must not be empty", null, "c-1")),
                Arguments.of("""
                        {"v":1,"commandId":"c-1","runId":"r-1","issuedAt":"now","actions":[{"op":"trigger","name":"stop"}]}""",
                        Decoded.failure("field 'issuedAt' must be an ISO-8601 instant, got \"now\"", "r-1", "c-1")),
                Arguments.of("""
                        {"v":1,"commandId":"c-1","runId":"r-1"}""",
                        Decoded.failure("missing field 'actions'", "r-1", "c-1")),
                Arguments.of("""
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":[]}""",
                        Decoded.failure("field 'actions' is empty: a command needs at least one action", "r-1", "c-1")),
                Arguments.of("""
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":{"op":"trigger","name":"stop"}}""",
                        Decoded.failure("field 'actions' must be an array", "r-1", "c-1")),
                Arguments.of("""
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"op":"sett","param":"learning_rate","value":0.1}]}""",
                        Decoded.failure("actions[0]: op 'sett' is unknown (expected set, trigger or load_checkpoint)", "r-1", "c-1")),
                Arguments.of("""
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"param":"learning_rate","value":0.1}]}""",
                        Decoded.failure("actions[0]: op is missing (expected set, trigger or load_checkpoint)", "r-1", "c-1")),
                Arguments.of("""
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"op":"set","param":"learning_rate"}]}""",
                        Decoded.failure("actions[0]: missing 'value' for learning_rate", "r-1", "c-1")),
                Arguments.of("""
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"op":"set","value":0.1}]}""",
                        Decoded.failure("actions[0]: missing 'param'", "r-1", "c-1")),
                Arguments.of("""
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"op":"trigger"}]}""",
                        Decoded.failure("actions[0]: missing 'name' of the trigger", "r-1", "c-1")),
                Arguments.of("""
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"op":5}]}""",
                        Decoded.failure("actions[0]: 'op' must be a string, got number (expected set, trigger or load_checkpoint)",
                                "r-1", "c-1")),
                Arguments.of("""
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"op":"set","param":5,"value":1}]}""",
                        Decoded.failure("actions[0]: 'param' must be a string, got number", "r-1", "c-1")),
                Arguments.of("""
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"op":"trigger","name":{"n":"stop"}}]}""",
                        Decoded.failure("actions[0]: 'name' must be a string, got object", "r-1", "c-1")),
                Arguments.of("""
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"op":"set","param":" ","value":1}]}""",
                        Decoded.failure("actions[0]: 'param' must not be empty", "r-1", "c-1")),
                Arguments.of("""
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"op":"trigger","name":"log"},"stop"]}""",
                        Decoded.failure("actions[1] must be an object", "r-1", "c-1")),
                Arguments.of("""
                        {"v":1,"commandId":"c-1","runId":"r-1","source":"ana","actions":[{"op":"trigger","name":"log"}]}""",
                        Decoded.failure("field 'source' must be an object", "r-1", "c-1")),
                Arguments.of("""
                        {"v":1,"commandId":"c-1","runId":"r-1","source":{"kind":"robot"},"actions":[{"op":"trigger","name":"log"}]}""",
                        Decoded.failure("source.kind 'robot' is not one of user, rule, replay", "r-1", "c-1")),
                Arguments.of("""
                        {"v":1,"commandId":"c-1","runId":"r-1","source":{"kind":"rule","evidence":[1]},"actions":[{"op":"trigger","name":"log"}]}""",
                        Decoded.failure("source.evidence must be an object", "r-1", "c-1")),
                Arguments.of("""
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"op":"trigger","name":"log"}],"reason":7}""",
                        Decoded.failure("field 'reason' must be a string", "r-1", "c-1")),
                Arguments.of("""
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"op":"sett"},{"op":"set","param":"lr"},{"op":"trigger"}]}""",
                        Decoded.failure("actions[0]: op 'sett' is unknown (expected set, trigger or load_checkpoint); "
                                + "actions[1]: missing 'value' for lr; actions[2]: missing 'name' of the trigger",
                                "r-1", "c-1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCommands")
    void namesTheProblemAndKeepsTheIdsItCanRead(String json, Decoded<ControlCommand> expected) {
        assertThat(decode(json)).isEqualTo(expected);
    }

    @Test
    void saysWhenTheBytesAreNotJson() {
        assertThat(decode("set learning_rate 0.1")).isInstanceOfSatisfying(Decoded.Failure.class, f -> {
            assertThat(f.reason()).startsWith("not JSON: Unrecognized token 'set'");
            assertThat(f.runId()).isNull();
            assertThat(f.id()).isNull();
        });
    }

    @Test
    void refusesNullEmptyAndNonObjectRecords() {
        Decoded<ControlCommand> expected = Decoded.failure("a command must be a JSON object", null, null);

        assertThat(codec.decode(null)).isEqualTo(expected);
        assertThat(codec.decode(new byte[0])).isEqualTo(expected);
        assertThat(decode("[{\"v\":1,\"commandId\":\"c-1\",\"runId\":\"r-1\"}]")).isEqualTo(expected);
        assertThat(decode("42")).isEqualTo(expected);
    }

    @Test
    void readsANanLiteralSoTheAgentCanRejectItWithAReason() {
        Decoded<ControlCommand> decoded = decode("""
                {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"op":"set","param":"learning_rate","value":NaN}]}""");

        assertThat(decoded).isEqualTo(Decoded.ok(new ControlCommand("c-1", "r-1", null, CommandSource.user("unknown"),
                List.of(new Action.SetParameter("learning_rate", DoubleNode.valueOf(Double.NaN))), null)));
        Action.SetParameter set = (Action.SetParameter) ((Decoded.Ok<ControlCommand>) decoded).value().actions().get(0);
        assertThat(set.value()).isInstanceOf(DoubleNode.class);
        assertThat(set.value().doubleValue()).isNaN();
    }

    @Test
    void readsInfinityLiteralsToo() {
        Decoded<ControlCommand> decoded = decode("""
                {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"op":"set","param":"lr","value":-Infinity}]}""");

        assertThat(decoded).isEqualTo(Decoded.ok(new ControlCommand("c-1", "r-1", null, CommandSource.user("unknown"),
                List.of(new Action.SetParameter("lr", DoubleNode.valueOf(Double.NEGATIVE_INFINITY))), null)));
    }

    @Test
    void leavesAnUnknownTriggerNameForTheAgentToReject() {
        assertThat(decode("""
                {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"op":"trigger","name":"warp"}]}"""))
                .isEqualTo(Decoded.ok(new ControlCommand("c-1", "r-1", null, CommandSource.user("unknown"),
                        List.of(new Action.FireTrigger("warp")), null)));
    }
}
