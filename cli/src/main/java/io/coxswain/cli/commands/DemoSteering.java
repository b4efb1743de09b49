package io.coxswain.cli.commands;

import io.coxswain.agent.events.EventListener;
import io.coxswain.cli.CliException;
import io.coxswain.cli.control.Answer;
import io.coxswain.cli.control.CommandClient;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The person in the demo: once the command-steered run reaches {@link #STEER_AT_STEP}, sends it a bad learning rate
 * (to show the rejection) and then a good one (to show a live change), each through Kafka like any client.
 */
final class DemoSteering implements Runnable {
    static final long STEER_AT_STEP = 40;
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final String bootstrap;
    private final String runId;
    private final PrintWriter out;
    private final CountDownLatch reachedOrEnded = new CountDownLatch(1);
    private volatile boolean ended;

    DemoSteering(String bootstrap, String runId, PrintWriter out) {
        this.bootstrap = bootstrap;
        this.runId = runId;
        this.out = out;
    }

    /** Wraps the run's listener so the steering knows when the run reached its step. */
    EventListener listener(EventListener inner) {
        return event -> {
            inner.onEvent(event);
            if (event.step() >= STEER_AT_STEP) {
                reachedOrEnded.countDown();
            }
        };
    }

    void runEnded() {
        ended = true;
        reachedOrEnded.countDown();
    }

    @Override
    public void run() {
        try {
            reachedOrEnded.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (ended) {
            say("run " + runId + " ended before step " + STEER_AT_STEP + "; nothing to steer");
            return;
        }
        try (CommandClient client = new CommandClient(bootstrap)) {
            send(client, "demo-bad-lr", -1.0, "demo: a negative learning rate, to show validation");
            send(client, "demo-lower-lr", 0.005, "demo: learning rate too high, lowered live");
        } catch (CliException e) {
            say("steering failed: " + e.getMessage());
        }
    }

    private void send(CommandClient client, String name, double learningRate, String reason) {
        ControlCommand command = new ControlCommand(name + "-" + runId, runId, Instant.now(),
                CommandSource.user("cox demo"),
                List.of(new Action.SetParameter("learning_rate", Json.mapper().getNodeFactory().numberNode(learningRate))),
                reason);
        say(">> cox set " + runId + " learning_rate=" + learningRate);
        long start = System.nanoTime();
        Answer answer = client.send(command, ANSWER_TIMEOUT);
        long millis = (System.nanoTime() - start) / 1_000_000;
        say("<< " + answer.outcome().name().toLowerCase()
                + (answer.outcome() == Answer.Outcome.APPLIED ? " at step " + answer.events().get(0).step()
                : ": " + answer.detail()) + " (answer in " + millis + " ms)");
    }

    private void say(String line) {
        synchronized (out) {
            out.println("  [steer]   " + line);
            out.flush();
        }
    }
}
