package io.coxswain.web;

import io.coxswain.ledger.query.EventRow;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.protocol.codec.EventCodec;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.web.control.RunEventTail;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/runs/{id}/events}, server-sent events: first the run's recent history from the ledger (steps,
 * evaluations, changes, triggers, rejections; so a chart starts with its past), then its live events from Kafka as
 * they are published. Each message's event name is the event type and its data the event's JSON. A live event may
 * repeat one of the history (the page drops repeats by event id); none falls between. Without Kafka only the history
 * is sent, then a {@code live-unavailable} event. An unknown run is a 404.
 */
final class RunEventsApi {
    static final int HISTORY_LIMIT = 5000;
    static final Set<String> HISTORY_TYPES = Set.of("RunStarted", "StepCompleted", "EvalCompleted",
            "ParameterChanged", "TriggerFired", "CommandRejected", "CommandIgnored", "RunFinished");
    private static final long KEEP_ALIVE_NANOS = 5_000_000_000L;

    private final LedgerQueries ledger;
    private final Optional<RunEventTail> tail;
    private final EventCodec codec = new EventCodec();

    RunEventsApi(LedgerQueries ledger, Optional<RunEventTail> tail) {
        this.ledger = ledger;
        this.tail = tail;
    }

    void register(Javalin app) {
        app.get("/api/runs/{id}/events", this::open);
    }

    private void open(Context ctx) throws Exception {
        String runId = ctx.pathParam("id");
        if (ledger.run(runId).isEmpty() && ledger.eventCount(runId) == 0) {
            UnknownRun.answer(ctx, ledger, runId);
            return;
        }
        // Opening the live stream first fixes its start before the history is read: repeats, but no gap.
        Object lock = new Object();
        Stream stream = new Stream(lock);
        stream.live = tail.map(t -> t.follow(runId, stream::deliver, stream::end));
        try {
            new SseHandler(client -> {
                synchronized (lock) {
                    client.onClose(stream::close);
                    for (EventRow row : ledger.events(runId, HISTORY_LIMIT)) {
                        if (HISTORY_TYPES.contains(row.type())) {
                            client.sendEvent(row.type(), row.payload().toString());
                        }
                    }
                    if (stream.live.isEmpty()) {
                        client.sendEvent("live-unavailable", error("no Kafka configured: history only"));
                    }
                    stream.attach(client);
                }
                client.keepAlive();
            }).handle(ctx);
        } catch (Exception | Error e) {
            stream.close();
            throw e;
        }
    }

    private static String error(String message) {
        return Json.mapper().createObjectNode().put("error", message).toString();
    }

    /** One browser's stream: history under the lock first, then live events. */
    private final class Stream {
        private final Object lock;
        private final List<EventEnvelope> early = new ArrayList<>();
        private SseClient client;
        private volatile Optional<RunEventTail.Stream> live = Optional.empty();
        private long lastSent = System.nanoTime();

        Stream(Object lock) {
            this.lock = lock;
        }

        /** Called under the lock once the history is sent: the live events that came meanwhile follow it. */
        void attach(SseClient c) {
            client = c;
            deliver(List.copyOf(early));
            early.clear();
        }

        void deliver(List<EventEnvelope> events) {
            synchronized (lock) {
                SseClient c = client;
                if (c == null) {
                    early.addAll(events);
                    return;
                }
                if (c.terminated()) {
                    close();
                    return;
                }
                for (EventEnvelope e : events) {
                    c.sendEvent(e.type(), codec.toTree(e).toString());
                    lastSent = System.nanoTime();
                }
                if (System.nanoTime() - lastSent > KEEP_ALIVE_NANOS) {
                    c.sendComment("keep-alive");
                    lastSent = System.nanoTime();
                }
            }
        }

        void end(String why) {
            synchronized (lock) {
                if (client != null && !client.terminated()) {
                    client.sendEvent("live-unavailable", error(why));
                    client.close();
                }
            }
        }

        void close() {
            live.ifPresent(RunEventTail.Stream::close);
        }
    }
}
