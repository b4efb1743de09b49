package io.coxswain.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Checks of the schedule settings; the schedules themselves live in {@code io.coxswain.agent.schedule}. */
final class Schedules {
    private Schedules() {
    }

    /** Problems of a batch_size_schedule object, each naming its field. */
    static List<String> batchSizeProblems(JsonNode schedule, int batchSize) {
        List<String> problems = new ArrayList<>();
        if (!schedule.isObject()) {
            problems.add("batch_size_schedule must be an object with a type, got " + schedule);
        }
        return problems;
    }
}
