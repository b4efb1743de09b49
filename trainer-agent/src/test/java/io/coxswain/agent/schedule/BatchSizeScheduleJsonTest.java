package io.coxswain.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.codec.Json;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class BatchSizeScheduleJsonTest {
    private static final String PREFIX = "batch_size_schedule";

    private static Parsed<BatchSizeSchedule> parse(String json) throws Exception {
        return BatchSizeSchedule.parse(Json.mapper().readTree(json), PREFIX);
    }

    @Example
    void readsEachTypeOfSchedule() throws Exception {
        assertThat(parse("""
                {"type":"constant","size":32}""").value()).isEqualTo(new BatchSizeSchedule.Constant(32));
        assertThat(parse("""
                {"type":"step","start":32,"every":100,"increment":16,"max":512}""").value())
                .isEqualTo(new BatchSizeSchedule.Stepwise(32, 100, 16, 512));
        assertThat(parse("""
                {"type":"linear","start":32,"end":256,"steps":1000}""").value())
                .isEqualTo(new BatchSizeSchedule.Linear(32, 256, 1000));
        assertThat(parse("""
                {"type":"milestones","start":32,"milestones":[100,300],"factor":2,"scale_learning_rate":true}""")
                .value()).isEqualTo(new BatchSizeSchedule.Milestones(32, List.of(100L, 300L), 2, true));
    }

    @Example
    void defaultsMilestonesToDoublingWithoutScalingTheLearningRate() throws Exception {
        assertThat(parse("""
                {"type":"milestones","start":32,"milestones":[100]}""").value())
                .isEqualTo(new BatchSizeSchedule.Milestones(32, List.of(100L), 2, false));
    }

    @Example
    void writesTheDocumentedJsonForm() throws Exception {
        String json = """
                {"type":"milestones","start":32,"milestones":[100,300],"factor":2,"scale_learning_rate":true}""";

        assertThat(Json.mapper().writeValueAsString(parse(json).value().toJson())).isEqualTo(json);
    }

    @Example
    void listsEveryProblemOfAStepScheduleNamingItsField() throws Exception {
        Parsed<BatchSizeSchedule> parsed = parse("""
                {"type":"step","start":"32","every":0,"increment":1.5,"max":-3,"grow":true}""");

        assertThat(parsed.valid()).isFalse();
        assertThat(parsed.problems()).containsExactly(
                "batch_size_schedule.grow is not a setting of a step schedule (known: type, start, every, increment,"
                        + " max)",
                "batch_size_schedule.start must be an integer, got \"32\"",
                "batch_size_schedule.increment must be an integer, got 1.5",
                "batch_size_schedule.every must be >= 1, got 0");
    }

    @Example
    void comparesTheCapWithTheStart() throws Exception {
        assertThat(parse("""
                {"type":"step","start":32,"every":10,"increment":8,"max":16}""").problems())
                .containsExactly("batch_size_schedule.max must be >= start (32), got 16");
    }

    @Example
    void listsTheKnownTypesForAnUnknownOne() throws Exception {
        assertThat(parse("""
                {"type":"exponential","start":32}""").problems()).containsExactly(
                "batch_size_schedule.type must be one of constant, step, linear, milestones, got \"exponential\"");
    }

    @Example
    void reportsMissingFieldsAndAMissingType() throws Exception {
        assertThat(parse("""
                {"type":"linear","start":32}""").problems()).containsExactly(
                "batch_size_schedule.end is required", "batch_size_schedule.steps is required");
        assertThat(parse("""
                {"size":32}""").problems()).containsExactly("batch_size_schedule.type is required");
    }

    @Example
    void requiresMilestonesThatIncreaseFromOne() throws Exception {
        assertThat(parse("""
                {"type":"milestones","start":0,"milestones":[0,5,5,"x",3],"factor":1,"scale_learning_rate":"yes"}""")
                .problems()).containsExactly(
                "batch_size_schedule.milestones[3] must be an integer, got \"x\"",
                "batch_size_schedule.scale_learning_rate must be true or false, got \"yes\"",
                "batch_size_schedule.start must be >= 1, got 0",
                "batch_size_schedule.factor must be >= 2, got 1",
                "batch_size_schedule.milestones[0] must be >= 1, got 0",
                "batch_size_schedule.milestones[2] must be greater than the milestone before it (5), got 5",
                "batch_size_schedule.milestones[4] must be greater than the milestone before it (5), got 3");
    }

    @Example
    void rejectsSizesBeyondAnInt() throws Exception {
        assertThat(parse("""
                {"type":"constant","size":3000000000}""").problems()).containsExactly(
                "batch_size_schedule.size must be an integer in [-2147483648, 2147483647], got 3000000000");
    }

    @Example
    void rejectsWhatIsNotAnObject() throws Exception {
        assertThat(parse("[32]").problems()).containsExactly("batch_size_schedule must be a JSON object with a"
                + " \"type\" (constant, step, linear, milestones), got [32]");
    }

    @Provide
    Arbitrary<BatchSizeSchedule> schedules() {
        Arbitrary<Integer> size = Arbitraries.integers().between(1, Integer.MAX_VALUE);
        Arbitrary<Long> steps = Arbitraries.longs().between(1, Long.MAX_VALUE);
        return Arbitraries.oneOf(
                size.map(BatchSizeSchedule.Constant::new),
                Combinators.combine(size, steps, size, size).filter((s, e, i, m) -> m >= s)
                        .as(BatchSizeSchedule.Stepwise::new),
                Combinators.combine(size, size, steps).as(BatchSizeSchedule.Linear::new),
                Combinators.combine(size, steps.set().ofMaxSize(5).map(set -> set.stream().sorted().toList()),
                        Arbitraries.integers().between(2, 10), Arbitraries.of(true, false))
                        .as(BatchSizeSchedule.Milestones::new));
    }

    @Property(tries = 300)
    void readsBackWhatItWrites(@ForAll("schedules") BatchSizeSchedule schedule) throws Exception {
        String written = Json.mapper().writeValueAsString(schedule.toJson());

        Parsed<BatchSizeSchedule> read = parse(written);

        assertThat(read.value()).isEqualTo(schedule);
        assertThat(Json.mapper().writeValueAsString(read.value().toJson())).isEqualTo(written);
    }

    @Property(tries = 300)
    void neverGivesASizeBelowOne(@ForAll("schedules") BatchSizeSchedule schedule,
                                 @ForAll @net.jqwik.api.constraints.LongRange(min = 0) long step) {
        assertThat(schedule.sizeAt(step)).isGreaterThanOrEqualTo(1);
        assertThat(schedule.learningRateScale(step)).isGreaterThan(0.0);
    }

    @Property(tries = 100)
    void neverShrinksAGrowingSchedule(@ForAll("schedules") BatchSizeSchedule schedule,
                                      @ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = Long.MAX_VALUE - 1)
                                      long step) {
        JsonNode json = schedule.toJson();
        boolean shrinking = json.get("type").asText().equals("linear") && json.get("end").asInt() < json.get("start")
                .asInt();
        if (!shrinking) {
            assertThat(schedule.sizeAt(step + 1)).isGreaterThanOrEqualTo(schedule.sizeAt(step));
        }
    }
}
