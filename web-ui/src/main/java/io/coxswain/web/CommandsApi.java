package io.coxswain.web;

import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.query.RunStatus;
import io.coxswain.ledger.query.RunSummary;
import io.coxswain.protocol.codec.EventCodec;
import io.coxswain.web.control.CommandRelay;
import io.coxswain.web.control.KafkaAccess;
import io.coxswain.web.control.RelayedAnswer;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /api/runs/{id}/commands}: sends the body's actions to the run as one command from user "web" and
 * answers with the agent's answer: 200 applied, rejected (with the reason) or ignored; 504 when none came in time;
 * 409 when the run finished; 404 for an unknown run; 400 naming the bad field; 503 without Kafka. The write guard
 * ({@link io.coxswain.web.security.WriteGuard}) has checked the token, origin and content type before.
 */
final class CommandsApi {
    private final LedgerQueries ledger;
    private final Optional<CommandRelay> relay;
    private final Optional<KafkaAccess> kafka;
    private final EventCodec codec = new EventCodec();

    CommandsApi(LedgerQueries ledger, Optional<KafkaAccess> kafka, Optional<CommandRelay> relay) {
        this.ledger = ledger;
        this.kafka = kafka;
        this.relay = relay;
    }

    void register(Javalin app) {
        app.post("/api/runs/{id}/commands", this::send);
    }

    private void send(Context ctx) {
        String runId = ctx.pathParam("id");
        Optional<RunSummary> run = ledger.run(runId);
        if (run.isEmpty() && ledger.eventCount(runId) == 0) {
            UnknownRun.answer(ctx, ledger, runId);
            return;
        }
        CommandRequest.Parsed parsed = CommandRequest.parse(ctx.body(), runId, "web-" + UUID.randomUUID(),
                Instant.now());
        if (parsed instanceof CommandRequest.Invalid invalid) {
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", invalid.problem()));
            return;
        }
        if (run.isPresent() && run.get().status() == RunStatus.FINISHED) {
            ctx.status(HttpStatus.CONFLICT).json(Map.of("error", "run '" + runId + "' has finished ("
                    + run.get().finishReason() + "): no agent will answer"));
            return;
        }
        if (relay.isEmpty() || kafka.isEmpty()) {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("error", "no Kafka configured: this web UI "
                    + "cannot send commands"));
            return;
        }
        var command = ((CommandRequest.Valid) parsed).command();
        Optional<RelayedAnswer> answer = relay.get().send(command, kafka.get().answerTimeout());
        if (answer.isEmpty()) {
            ctx.status(HttpStatus.GATEWAY_TIMEOUT).json(Map.of("commandId", command.commandId(), "error",
                    "no answer from run '" + runId + "' within " + kafka.get().answerTimeout().toSeconds()
                            + " s; the command stays on the control topic and applies when the agent reads it"));
            return;
        }
        RelayedAnswer a = answer.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("commandId", a.commandId());
        body.put("outcome", a.outcome().wire());
        body.put("reason", a.reason());
        body.put("answers", a.answers().stream().map(codec::toTree).toList());
        ctx.status(a.outcome() == RelayedAnswer.Outcome.FINISHED ? HttpStatus.CONFLICT : HttpStatus.OK).json(body);
    }
}
