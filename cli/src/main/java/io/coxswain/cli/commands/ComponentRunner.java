package io.coxswain.cli.commands;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/** Keeps one started component running until Ctrl-C, then closes it. */
final class ComponentRunner {
    private ComponentRunner() {
    }

    static int runUntilSignal(AutoCloseable component, String name, PrintWriter out) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                component.close();
            } catch (Exception e) {
                out.println("cox: stopping " + name + " failed: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "cox-" + name + "-shutdown"));
        out.println(name + " running; Ctrl-C stops it.");
        out.flush();
        stopped.await();
        return 0;
    }
}
