package io.coxswain.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.agent.schedule.BatchSizeSchedule;
import io.coxswain.agent.schedule.Parsed;
import java.util.ArrayList;
import java.util.List;

/** Checks of the schedule settings; the schedules themselves live in {@code io.coxswain.agent.schedule}. */
final class Schedules {
    private Schedules() {
    }

    /**
     * Problems of a batch_size_schedule, each naming its field; a schedule whose first size is not batch_size is
     * incompatible with it (set batch_size to the schedule's start, or leave it out).
     */
    static List<String> batchSizeProblems(JsonNode schedule, int batchSize, boolean batchSizeGiven) {
        Parsed<BatchSizeSchedule> parsed = BatchSizeSchedule.parse(schedule, "batch_size_schedule");
        List<String> problems = new ArrayList<>(parsed.problems());
        if (parsed.valid() && batchSizeGiven && parsed.value().sizeAt(0) != batchSize) {
            problems.add("batch_size " + batchSize + " disagrees with batch_size_schedule, which starts at "
                    + parsed.value().sizeAt(0) + " (leave batch_size out or make them equal)");
        }
        return problems;
    }

    /** The first batch size: the schedule's start when there is one, else batch_size. */
    static int firstBatchSize(JsonNode schedule, int batchSize) {
        if (schedule == null) {
            return batchSize;
        }
        Parsed<BatchSizeSchedule> parsed = BatchSizeSchedule.parse(schedule, "batch_size_schedule");
        return parsed.valid() ? parsed.value().sizeAt(0) : batchSize;
    }
}
