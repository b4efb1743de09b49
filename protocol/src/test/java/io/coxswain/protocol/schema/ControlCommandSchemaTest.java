package io.coxswain.protocol.schema;

import static io.coxswain.protocol.schema.Schemas.CONTROL_COMMAND_SCHEMA;
import static io.coxswain.protocol.schema.Schemas.violations;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.protocol.Examples;
import io.coxswain.protocol.codec.CommandCodec;
import io.coxswain.protocol.commands.ControlCommand;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ControlCommandSchemaTest {
    private static final CommandCodec CODEC = new CommandCodec();

    static Stream<ControlCommand> writtenByJava() {
        return Examples.allCommands().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writtenByJava")
    void acceptsEveryCommandTheJavaCodecWrites(ControlCommand command) {
        assertThat(violations(CONTROL_COMMAND_SCHEMA, Schemas.parseStrictly(CODEC.encode(command)))).isEmpty();
    }

    @Test
    void acceptsTheSmallestCommandAClientMaySend() {
        assertThat(validate("""
                {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"op":"trigger","name":"stop"}]}""")).isEmpty();
    }

    @Test
    void acceptsNullForTheOptionalFieldsAsTheDecoderDoes() {
        assertThat(validate("""
                {"v":1,"commandId":"c-1","runId":"r-1","issuedAt":null,"source":null,"reason":null,
                 "actions":[{"op":"set","param":"learning_rate","value":0.05}]}""")).isEmpty();
    }

    @Test
    void acceptsAnOffsetTimeAsTheDecoderDoes() {
        assertThat(validate("""
                {"v":1,"commandId":"c-1","runId":"r-1","issuedAt":"2025-03-14T10:26:53.5+01:00",
                 "actions":[{"op":"trigger","name":"pause"}]}""")).isEmpty();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                bad("empty actions", """
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":[]}""",
                        "minItems at $.actions"),
                bad("missing actions", """
                        {"v":1,"commandId":"c-1","runId":"r-1"}""",
                        "required at $ (actions)"),
                bad("actions not an array", """
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":{"op":"trigger","name":"stop"}}""",
                        "type at $.actions"),
                bad("op sett", """
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"op":"sett","param":"lr","value":0.1}]}""",
                        "enum at $.actions[0].op"),
                bad("op missing", """
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"param":"lr","value":0.1}]}""",
                        "required at $.actions[0] (op)"),
                bad("set without value", """
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"op":"set","param":"lr"}]}""",
                        "required at $.actions[0] (value)"),
                bad("set without param", """
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"op":"set","value":0.1}]}""",
                        "required at $.actions[0] (param)"),
                bad("set with a quoted number", """
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"op":"set","param":"lr","value":"0.1"}]}""",
                        "type at $.actions[0].value"),
                bad("set with a trigger's name", """
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"op":"set","param":"lr","value":0.1,"name":"log"}]}""",
                        "additionalProperties at $.actions[0] (name)"),
                bad("trigger without name", """
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"op":"trigger"}]}""",
                        "required at $.actions[0] (name)"),
                bad("unknown trigger", """
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"op":"trigger","name":"warp"}]}""",
                        "enum at $.actions[0].name"),
                bad("v 2", """
                        {"v":2,"commandId":"c-1","runId":"r-1","actions":[{"op":"trigger","name":"stop"}]}""",
                        "const at $.v"),
                bad("missing v", """
                        {"commandId":"c-1","runId":"r-1","actions":[{"op":"trigger","name":"stop"}]}""",
                        "required at $ (v)"),
                bad("missing commandId", """
                        {"v":1,"runId":"r-1","actions":[{"op":"trigger","name":"stop"}]}""",
                        "required at $ (commandId)"),
                bad("blank runId", """
                        {"v":1,"commandId":"c-1","runId":"  ","actions":[{"op":"trigger","name":"stop"}]}""",
                        "pattern at $.runId"),
                bad("another type", """
                        {"v":1,"type":"SetParameter","commandId":"c-1","runId":"r-1","actions":[{"op":"trigger","name":"stop"}]}""",
                        "const at $.type"),
                bad("misspelt field", """
                        {"v":1,"commandId":"c-1","runId":"r-1","actions":[{"op":"trigger","name":"stop"}],"reasn":"x"}""",
                        "additionalProperties at $ (reasn)"),
                bad("issuedAt not a time", """
                        {"v":1,"commandId":"c-1","runId":"r-1","issuedAt":"now","actions":[{"op":"trigger","name":"stop"}]}""",
                        "format at $.issuedAt", "oneOf at $.issuedAt", "pattern at $.issuedAt", "type at $.issuedAt"),
                bad("unknown source kind", """
                        {"v":1,"commandId":"c-1","runId":"r-1","source":{"kind":"robot"},"actions":[{"op":"trigger","name":"stop"}]}""",
                        "enum at $.source.kind", "oneOf at $.source", "type at $.source"));
    }

    private static Arguments bad(String name, String json, String... expected) {
        return Arguments.of(name, json, Set.of(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedCommandsNamingTheField(String name, String json, Set<String> expected) {
        assertThat(validate(json)).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static Set<String> validate(String json) {
        return violations(CONTROL_COMMAND_SCHEMA, Schemas.parseStrictly(json.getBytes(StandardCharsets.UTF_8)));
    }
}
