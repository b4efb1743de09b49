package io.coxswain.cli.commands;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.embedded.EmbeddedPostgresServer;
import io.coxswain.ledger.Ledger;
import io.coxswain.ledger.projection.ProjectionStore;
import io.coxswain.ledger.projection.Projector;
import io.coxswain.ledger.store.EventStore;
import io.coxswain.ledger.store.JsonbText;
import io.coxswain.ledger.store.NewEvent;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.CommandAnswer;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.events.TriggerFired;
import io.coxswain.protocol.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real PostgreSQL holding a migrated ledger, and runs' events stored as the ingest stores them (the event rows, then
 * the projections of those rows, in one transaction).
 */
final class ScriptedLedger implements AutoCloseable {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final EmbeddedPostgresServer postgres;
    private long offset;

    private ScriptedLedger(EmbeddedPostgresServer postgres) {
        this.postgres = postgres;
    }

    static ScriptedLedger start() {
        try {
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(Files.createTempDirectory("cox-savings-pg")
                    .resolve("pg"), 0);
            Ledger.migrate(postgres.jdbcUrl());
            return new ScriptedLedger(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String jdbc() {
        return postgres.jdbcUrl();
    }

    void store(List<EventEnvelope> events) {
        List<NewEvent> rows = new ArrayList<>();
        for (EventEnvelope e : events) {
            EventHeader h = e.header();
            rows.add(new NewEvent(h.eventId(), h.runId(), h.experimentId(), e.type(), h.seq(), h.step(), h.time(),
                    JsonbText.of(Topics.RUN_EVENTS.codec().encode(e)), CommandAnswer.commandIdOf(e.event()), Topics.RUN_EVENTS.name(), 0, offset++));
        }
        Ledger.jdbi(jdbc()).useTransaction(h -> {
            h.attach(EventStore.class).appendNew(rows);
            h.attach(ProjectionStore.class).apply(Projector.plan(events, List.of()));
        });
    }

    @Override
    public void close() {
        postgres.close();
    }

    /** Events of one run, with a gapless seq. */
    static final class Run {
        private final String runId;
        private final String experimentId;
        private final List<EventEnvelope> events = new ArrayList<>();

        Run(String runId, String experimentId) {
            this.runId = runId;
            this.experimentId = experimentId;
        }

        List<EventEnvelope> events() {
            return List.copyOf(events);
        }

        Run started(long plannedSteps, double restartCost) {
            ObjectNode config = Json.mapper().createObjectNode().put("max_steps", plannedSteps);
            return add(0, new RunStarted(config, 7, "mlp", plannedSteps, List.of(), restartCost));
        }

        /** Steps {@code from..to} of {@code seconds} each, 100 steps an epoch, logged every step. */
        Run steps(long from, long to, double seconds, Double joules, String meter) {
            for (long s = from; s <= to; s++) {
                add(s, new StepCompleted(s / 100.0, (s % 100) / 100.0, s * 32, 32, 2.0 - s * 0.001, 0.5, 0.01,
                        seconds, true, s % 100 == 0, null, 0L, null, null, joules, meter));
            }
            return this;
        }

        Run checkpoint(long step, long bytes, boolean isFinal) {
            return add(step, new CheckpointSaved("/ckpt/" + runId + "/" + step, bytes, isFinal));
        }

        Run changed(long step, String commandId, CommandSource source) {
            return add(step, new ParameterChanged(commandId, "learning_rate", DoubleNode.valueOf(0.01),
                    DoubleNode.valueOf(0.005), source));
        }

        Run fired(long step, String commandId, String name, CommandSource source) {
            return add(step, new TriggerFired(commandId, name, source));
        }

        Run finished(long step, String reason) {
            return add(step, new RunFinished(reason, reason + " at step " + step));
        }

        private Run add(long step, RunEvent event) {
            long seq = events.size() + 1;
            events.add(new EventEnvelope(new EventHeader(runId + "-" + seq, runId, experimentId, seq, step,
                    T0.plusSeconds(seq)), event));
            return this;
        }
    }

    /** A path that does not exist yet, under a new temporary directory. */
    static Path tempFile(String name) {
        try {
            return Files.createTempDirectory("cox-savings").resolve(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
