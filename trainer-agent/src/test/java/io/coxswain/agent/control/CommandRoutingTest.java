package io.coxswain.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandRoutingTest {
    private static final String VALID = "{\"v\":1,\"type\":\"ControlCommand\",\"commandId\":\"c-1\",\"runId\":\"r-1\","
            + "\"source\":{\"kind\":\"user\",\"author\":\"t\"},\"actions\":[{\"op\":\"trigger\",\"name\":\"stop\"}]}";

    private static Optional<IncomingCommand> route(String key, String json) {
        return CommandRouting.route("r-1", key, json.getBytes(StandardCharsets.UTF_8), 5);
    }

    @Test
    void deliversACommandKeyedByItsRun() {
        Optional<IncomingCommand> routed = route("r-1", VALID);

        assertThat(routed).get().isInstanceOfSatisfying(IncomingCommand.Received.class, received -> {
            assertThat(received.command().commandId()).isEqualTo("c-1");
            assertThat(received.offset()).isEqualTo(5);
        });
    }

    @Test
    void skipsRecordsOfOtherRunsSilently() {
        assertThat(route("r-2", VALID.replace("r-1", "r-2"))).isEmpty();
        assertThat(route("r-2", "not json at all")).isEmpty();
    }

    @Test
    void rejectsABodyThatNamesAnotherRunThanItsKey() {
        assertThat(route("r-1", VALID.replace("\"runId\":\"r-1\"", "\"runId\":\"r-2\"")))
                .contains(new IncomingCommand.Unreadable("body runId 'r-2' differs from the record key 'r-1'", "c-1",
                        5));
    }

    @Test
    void rejectsUndecodableJsonWithTheDecodersReason() {
        Optional<IncomingCommand> routed = route("r-1", "{\"v\":1,");

        assertThat(routed).get().isInstanceOfSatisfying(IncomingCommand.Unreadable.class, unreadable -> {
            assertThat(unreadable.reason()).startsWith("not JSON: ");
            assertThat(unreadable.commandId()).isNull();
        });
    }

    @Test
    void keepsTheCommandIdOfACommandWithABadField() {
        assertThat(route("r-1", VALID.replace("\"actions\":[{\"op\":\"trigger\",\"name\":\"stop\"}]",
                "\"actions\":[]")))
                .contains(new IncomingCommand.Unreadable(
                        "field 'actions' is empty: a command needs at least one action", "c-1", 5));
    }

    @Test
    void rejectsAnUnkeyedCommandForThisRunAndSkipsUnkeyedOnesForOthers() {
        assertThat(route(null, VALID)).contains(new IncomingCommand.Unreadable(
                "the record has no key: commands must be keyed by their run id ('r-1')", "c-1", 5));
        assertThat(route(null, VALID.replace("r-1", "r-2"))).isEmpty();
    }
}
