package io.coxswain.protocol.schema;

import static io.coxswain.protocol.schema.Schemas.RUN_EVENT_SCHEMA;
import static io.coxswain.protocol.schema.Schemas.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.Examples;
import io.coxswain.protocol.codec.EventCodec;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.RunEvent;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RunEventSchemaTest {
    private static final EventCodec CODEC = new EventCodec();

    static Stream<EventEnvelope> writtenByJava() {
        return Examples.allEvents().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writtenByJava")
    void acceptsEveryEventTheJavaCodecWrites(EventEnvelope event) {
        ObjectNode written = (ObjectNode) Schemas.parseStrictly(CODEC.encode(event));

        assertThat(violations(RUN_EVENT_SCHEMA, written)).isEmpty();
    }

    private static ObjectNode edited(RunEvent event, Consumer<ObjectNode> edit) {
        ObjectNode tree = (ObjectNode) Schemas.parseStrictly(CODEC.encode(
                new EventEnvelope(new EventHeader("e-1", "r-1", null, 1, 1, Examples.TIME), event)));
        edit.accept(tree);
        return tree;
    }

    private static Arguments bad(String name, RunEvent event, Consumer<ObjectNode> edit, String... expected) {
        return Arguments.of(name, edited(event, edit), Set.of(expected));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                bad("missing eventId", Examples.stepCompleted(), t -> t.remove("eventId"),
                        "required at $ (eventId)"),
                bad("missing type", Examples.stepCompleted(), t -> t.remove("type"),
                        "required at $ (type)"),
                bad("blank runId", Examples.stepCompleted(), t -> t.put("runId", " "),
                        "pattern at $.runId"),
                bad("seq as text", Examples.stepCompleted(), t -> t.put("seq", "1"),
                        "type at $.seq"),
                bad("seq -1", Examples.stepCompleted(), t -> t.put("seq", -1),
                        "minimum at $.seq"),
                bad("fractional step", Examples.stepCompleted(), t -> t.put("step", 1.5),
                        "type at $.step"),
                bad("v 2", Examples.stepCompleted(), t -> t.put("v", 2),
                        "const at $.v"),
                bad("unknown type", Examples.stepCompleted(), t -> t.put("type", "RunTeleported"),
                        "enum at $.type"),
                bad("time without zone", Examples.stepCompleted(), t -> t.put("time", "2025-03-14T09:26:53"),
                        "format at $.time", "pattern at $.time"),
                bad("time as text", Examples.stepCompleted(), t -> t.put("time", "yesterday"),
                        "format at $.time", "pattern at $.time"),
                bad("step without loss", Examples.stepCompleted(), t -> t.remove("loss"),
                        "required at $ (loss)"),
                bad("field of another type", Examples.stepCompleted(), t -> t.put("path", "/ckpt"),
                        "additionalProperties at $ (path)"),
                bad("unknown field", Examples.stepCompleted(), t -> t.put("lossScale", 1.0),
                        "additionalProperties at $ (lossScale)"),
                bad("loss as a word", Examples.stepCompleted(), t -> t.put("loss", "high"),
                        "enum at $.loss", "oneOf at $.loss", "type at $.loss"),
                bad("config not an object", Examples.runStarted(), t -> t.put("config", "resnet18"),
                        "type at $.config"),
                bad("parameter of unknown type", Examples.runStarted(),
                        t -> ((ObjectNode) t.get("parameters").get(0)).put("type", "double"),
                        "enum at $.parameters[0].type"),
                bad("fractional value of an int parameter", Examples.runStarted(),
                        t -> ((ObjectNode) t.get("parameters").get(1)).put("value", 2.5),
                        "type at $.parameters[1].value"),
                bad("metric that is not a number", Examples.evalCompleted(),
                        t -> ((ObjectNode) t.get("metrics")).put("eval_accuracy", "high"),
                        "enum at $.metrics.eval_accuracy", "oneOf at $.metrics.eval_accuracy",
                        "type at $.metrics.eval_accuracy"),
                bad("checkpoint without final", Examples.checkpointSaved(), t -> t.remove("final"),
                        "required at $ (final)"),
                bad("unknown source kind", Examples.parameterChanged(),
                        t -> ((ObjectNode) t.get("source")).put("kind", "robot"),
                        "enum at $.source.kind"),
                bad("unknown ignore reason", Examples.commandIgnored(), t -> t.put("why", "maybe"),
                        "enum at $.why"),
                bad("unknown finish reason", Examples.runFinished(), t -> t.put("reason", "crashed"),
                        "enum at $.reason"),
                bad("unknown trigger", Examples.triggerFired(), t -> t.put("name", "warp"),
                        "enum at $.name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedEventsNamingTheField(String name, ObjectNode event, Set<String> expected) {
        assertThat(violations(RUN_EVENT_SCHEMA, event)).containsExactlyInAnyOrderElementsOf(expected);
    }
}
