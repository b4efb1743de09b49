package io.coxswain.cli.commands;

import io.coxswain.agent.RunOutcome;
import io.coxswain.agent.TrainerAgent;
import io.coxswain.cli.CliException;
import io.coxswain.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Trains agents side by side, one thread each, until every run ends; Ctrl-C asks each to stop gracefully (final
 * checkpoint, RunFinished stopped) and lets them finish for at most 30 s before the JVM exits.
 */
final class AgentRunner {
    private AgentRunner() {
    }

    /** The outcome of each agent's run, in the agents' order. */
    static List<RunOutcome> runAll(List<TrainerAgent> agents, PrintWriter out) {
        CountDownLatch finished = new CountDownLatch(1);
        Thread stopOnSignal = new Thread(() -> {
            agents.forEach(a -> a.requestStop("interrupted (Ctrl-C)"));
            awaitQuietly(finished);
        }, "cox-train-stop");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        List<RunOutcome> outcomes = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(agents.size(), r -> {
            Thread t = new Thread(r, "cox-train-" + r.hashCode());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RunOutcome>> running = new ArrayList<>();
            agents.forEach(agent -> running.add(threads.submit(agent::run)));
            for (Future<RunOutcome> run : running) {
                outcomes.add(get(run));
            }
        } finally {
            finished.countDown();
            threads.shutdownNow();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnSignal);
        } catch (IllegalStateException shuttingDown) {
            out.println("cox: stopped by signal");
        }
        return outcomes;
    }

    private static RunOutcome get(Future<RunOutcome> run) {
        try {
            return run.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILED, "interrupted while training", e);
        } catch (ExecutionException e) {
            throw new CliException(ExitCodes.FAILED, "a training thread failed: " + e.getCause(), e.getCause());
        }
    }

    /** Lets a graceful stop finish (final checkpoint, RunFinished) before the JVM exits, for at most 30 s. */
    private static void awaitQuietly(CountDownLatch finished) {
        try {
            finished.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
