package io.coxswain.agent.kafka;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/** The outcome of one record handed to the producer; completed on the producer's thread, read by the sender. */
final class Delivery implements Callback {
    private final Runnable onDone;
    private volatile boolean done;
    private volatile Exception error;

    Delivery(Runnable onDone) {
        this.onDone = onDone;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        error = exception;
        done = true;
        onDone.run();
    }

    boolean done() {
        return done;
    }

    boolean delivered() {
        return done && error == null;
    }

    /** Why it was not delivered; null while pending or when delivered. */
    Exception error() {
        return error;
    }
}
