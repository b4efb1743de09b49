package io.coxswain.agent.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.codec.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The factor on the base learning rate over a run, with the semantics of Hugging Face's schedulers: a linear warmup
 * from 0 over the first {@code warmupFraction} of the run, then {@code constant} stays at 1, {@code linear} decays
 * to 0 at the end, {@code cosine} follows {@code 0.5 * (1 + cos(pi * p))} down to 0 at the end.
 *
 * <p>Progress is the caller's choice, from 0 at the start to 1 at the end: steps taken over max steps for a
 * step-bounded run, samples consumed over total samples for an epoch-bounded one, so the schedule stays right when
 * the batch size changes. JSON form: {@code {"type":"cosine","warmup_fraction":0.1}} ({@code warmup_fraction}
 * defaults to 0).
 *
 * @param type           the decay after warmup
 * @param warmupFraction the fraction of progress spent warming up, in [0, 1)
 */
public record LearningRateSchedule(Type type, double warmupFraction) {
    public static final LearningRateSchedule CONSTANT = new LearningRateSchedule(Type.CONSTANT, 0);

    public enum Type {
        CONSTANT("constant"), LINEAR("linear"), COSINE("cosine");

        private final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Type fromWire(String wire) {
            return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst().orElse(null);
        }

        static List<String> wires() {
            return Arrays.stream(values()).map(Type::wire).toList();
        }
    }

    public LearningRateSchedule {
        if (type == null) {
            throw new IllegalArgumentException("a learning rate schedule needs a type (" + String.join(", ",
                    Type.wires()) + ")");
        }
        Checks.require(problems("", warmupFraction));
    }

    static List<String> problems(String prefix, Double warmupFraction) {
        List<String> problems = new ArrayList<>();
        if (warmupFraction != null && !(warmupFraction >= 0 && warmupFraction < 1)) {
            problems.add(Checks.field(prefix, "warmup_fraction") + " must be in [0, 1), got " + warmupFraction);
        }
        return problems;
    }

    /**
     * The factor at {@code progress}, clamped to [0, 1]: {@code progress / warmupFraction} during warmup, then the
     * decay over {@code (progress - warmupFraction) / (1 - warmupFraction)}. Always in [0, 1].
     */
    public double factor(double progress) {
        if (Double.isNaN(progress)) {
            throw new IllegalArgumentException("learning rate schedule progress must be a number, got NaN");
        }
        double p = Math.max(0, Math.min(1, progress));
        if (p < warmupFraction) {
            return p / warmupFraction;
        }
        double decay = (p - warmupFraction) / (1 - warmupFraction);
        double factor = switch (type) {
            case CONSTANT -> 1.0;
            case LINEAR -> 1.0 - decay;
            case COSINE -> 0.5 * (1.0 + Math.cos(Math.PI * decay));
        };
        return Math.max(0, Math.min(1, factor));
    }

    public ObjectNode toJson() {
        return Json.mapper().createObjectNode().put("type", type.wire()).put("warmup_fraction", warmupFraction);
    }

    /** Reads the JSON form, or lists every problem, each naming its field as {@code prefix.field}. */
    public static Parsed<LearningRateSchedule> parse(JsonNode node, String prefix) {
        if (node == null || !node.isObject()) {
            String name = prefix == null || prefix.isEmpty() ? "a learning rate schedule" : prefix;
            return Parsed.failed(List.of(name + " must be a JSON object with a \"type\" (" + String.join(", ",
                    Type.wires()) + "), got " + node));
        }
        List<String> problems = new ArrayList<>();
        JsonFields fields = new JsonFields(node, prefix, problems);
        fields.onlyKnown("a learning rate schedule", List.of("type", "warmup_fraction"));
        String wire = fields.text("type");
        Type type = wire == null ? null : Type.fromWire(wire);
        if (wire != null && type == null) {
            problems.add(Checks.field(prefix, "type") + " must be one of " + String.join(", ", Type.wires())
                    + ", got \"" + wire + "\"");
        }
        Double warmup = fields.number("warmup_fraction", 0.0);
        problems.addAll(problems(prefix, warmup));
        return problems.isEmpty() ? Parsed.of(new LearningRateSchedule(type, warmup)) : Parsed.failed(problems);
    }
}
