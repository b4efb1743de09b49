package io.coxswain.agent.spool;

import io.coxswain.agent.events.DropPolicy;
import io.coxswain.agent.events.DropReport;
import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.topics.Topics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The events of a run that are not delivered yet, in order, held in memory up to a bound and on a disk {@link Spool}
 * past it. The undelivered events are the spool's records followed by the memory queue; the memory queue is split
 * into events already handed out ({@link #take}) and events waiting. When memory is full the oldest event in memory
 * moves to the end of the spool (order is kept: everything on disk is older than everything in memory); when the
 * spool is full too, droppable events ({@link DropPolicy}) are dropped and counted in a {@link DropReport}, the others
 * kept in memory past the bound. Handing out always starts with the oldest event not handed out, so a
 * {@link #rewind} followed by {@link #take} sends everything undelivered again, in order.
 * <p>
 * Thread-safe: the training thread offers, the sending thread takes and acknowledges. Every method holds the lock
 * only for memory operations and single record reads or writes.
 */
public final class Backlog {
    private final Spool spool;
    private final int memoryBound;
    private final ArrayDeque<EventEnvelope> handedOut = new ArrayDeque<>();
    private final ArrayDeque<EventEnvelope> waiting = new ArrayDeque<>();
    private long handedOutFromDisk;
    private DropReport drops = DropReport.NONE;
    private String spoolProblem;
    private boolean closed;

    public Backlog(Spool spool, int memoryBound) {
        this.spool = spool;
        this.memoryBound = memoryBound;
    }

    /** Takes one event from the training thread; never waits for the network, at most for one disk write. */
    public synchronized Admission offer(EventEnvelope event) {
        if (closed) {
            return Admission.CLOSED;
        }
        if (inMemory() < memoryBound) {
            waiting.add(event);
            return Admission.QUEUED;
        }
        if (spillOldest()) {
            waiting.add(event);
            return Admission.SPILLED;
        }
        if (DropPolicy.droppable(event.event())) {
            drops = drops.plus(event, dropReason());
            return Admission.DROPPED;
        }
        waiting.add(event);
        return Admission.KEPT_OVER_BOUND;
    }

    /** Up to {@code max} events after those handed out already, oldest first; they count as handed out. */
    public synchronized List<Outgoing> take(int max) {
        List<Outgoing> out = new ArrayList<>();
        while (!closed && out.size() < max) {
            if (handedOutFromDisk < spool.records()) {
                byte[] stored = spool.next();
                if (stored == null) {
                    throw new IllegalStateException("spool " + spool.dir() + " ended after " + handedOutFromDisk
                            + " of its " + spool.records() + " records");
                }
                out.add(Outgoing.fromDisk(stored));
                handedOutFromDisk++;
            } else if (!waiting.isEmpty()) {
                EventEnvelope event = waiting.poll();
                handedOut.add(event);
                out.add(Outgoing.fromMemory(event));
            } else {
                break;
            }
        }
        return out;
    }

    /** The {@code n} oldest events handed out were delivered. */
    public synchronized void acknowledge(long n) {
        if (closed || n == 0) {
            return;
        }
        if (n > handedOutFromDisk + handedOut.size()) {
            throw new IllegalArgumentException("cannot acknowledge " + n + " events, " + (handedOutFromDisk
                    + handedOut.size()) + " were handed out");
        }
        long fromDisk = Math.min(n, handedOutFromDisk);
        spool.acknowledge(fromDisk);
        handedOutFromDisk -= fromDisk;
        for (long i = fromDisk; i < n; i++) {
            handedOut.poll();
        }
        notifyAll();
    }

    /** Forgets what was handed out and not acknowledged: the next {@link #take} starts from the oldest again. */
    public synchronized void rewind() {
        if (closed) {
            return;
        }
        Iterator<EventEnvelope> newestFirst = handedOut.descendingIterator();
        while (newestFirst.hasNext()) {
            waiting.addFirst(newestFirst.next());
        }
        handedOut.clear();
        handedOutFromDisk = 0;
        spool.rewind();
    }

    /**
     * Drops the oldest undelivered event (one Kafka refuses for good, e.g. too large) and counts it. Call after
     * {@link #rewind}.
     */
    public synchronized void discardOldest(String why) {
        if (closed || handedOutFromDisk > 0 || !handedOut.isEmpty()) {
            throw new IllegalStateException("discardOldest needs a rewound backlog");
        }
        if (spool.records() > 0) {
            byte[] stored = spool.next();
            spool.acknowledge(1);
            spool.rewind();
            Decoded<EventEnvelope> decoded = Topics.RUN_EVENTS.codec().decode(stored);
            drops = decoded instanceof Decoded.Ok<EventEnvelope> ok ? drops.plus(ok.value(), why)
                    : drops.plus(0, "unreadable", why);
        } else if (!waiting.isEmpty()) {
            drops = drops.plus(waiting.poll(), why);
        }
        notifyAll();
    }

    /**
     * The drops not reported yet, to be published right before {@code next}: present when something was dropped
     * and either there is room again or {@code next} is kept anyway. Taking the report clears it.
     */
    public synchronized Optional<DropReport> takeDrops(RunEvent next) {
        if (drops.isEmpty() || !(hasRoom() || !DropPolicy.droppable(next))) {
            return Optional.empty();
        }
        DropReport report = drops;
        drops = DropReport.NONE;
        return Optional.of(report);
    }

    /** Whether a droppable event offered now would be kept. */
    public synchronized boolean hasRoom() {
        if (inMemory() < memoryBound) {
            return true;
        }
        EventEnvelope oldest = handedOut.isEmpty() ? waiting.peek() : handedOut.peek();
        return oldest != null && spool.fits(Outgoing.fromMemory(oldest).bytes().length);
    }

    public synchronized boolean hasWaiting() {
        return !closed && (handedOutFromDisk < spool.records() || !waiting.isEmpty());
    }

    /** Events not delivered yet: on disk, handed out or waiting. */
    public synchronized long undelivered() {
        return spool.records() + handedOut.size() + waiting.size();
    }

    public synchronized long onDisk() {
        return spool.records();
    }

    /** Waits until every event is delivered or {@code deadlineNanos} (System.nanoTime) passes; true if delivered. */
    public synchronized boolean awaitDelivered(long deadlineNanos) throws InterruptedException {
        while (undelivered() > 0 && !closed) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return undelivered() == 0;
    }

    public synchronized void saveCursor() {
        if (!closed) {
            spool.saveCursor();
        }
    }

    /**
     * Writes every event still in memory to the end of the spool (past its bound if need be: these events were
     * accepted and are not dropped now), saves the cursor and closes the spool. Returns how many events are left
     * undelivered there; later calls do nothing and return 0.
     */
    public synchronized long closeToDisk() {
        if (closed) {
            return 0;
        }
        rewind();
        closed = true;
        notifyAll();
        SpoolException failure = null;
        long lost = 0;
        try {
            while (!waiting.isEmpty()) {
                spool.append(Outgoing.fromMemory(waiting.peek()).bytes(), false);
                waiting.poll();
            }
        } catch (SpoolException e) {
            failure = e;
            lost = waiting.size();
        }
        waiting.clear();
        try {
            spool.close();
        } catch (SpoolException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw new SpoolException(spool.dir(), "closing with " + lost + " undelivered events that could not be "
                    + "written", failure);
        }
        return spool.records();
    }

    /** Drops not yet reported (only when a run ends without publishing again after dropping). */
    public synchronized DropReport unreportedDrops() {
        return drops;
    }

    private int inMemory() {
        return handedOut.size() + waiting.size();
    }

    private boolean spillOldest() {
        boolean handed = !handedOut.isEmpty();
        EventEnvelope oldest = handed ? handedOut.peek() : waiting.peek();
        if (oldest == null) {
            return false;
        }
        byte[] bytes = Outgoing.fromMemory(oldest).bytes();
        if (!spool.fits(bytes.length)) {
            spoolProblem = null;
            return false;
        }
        try {
            spool.append(bytes, handed);
        } catch (SpoolException e) {
            spoolProblem = e.getMessage();
            return false;
        }
        if (handed) {
            handedOut.poll();
            handedOutFromDisk++;
        } else {
            waiting.poll();
        }
        return true;
    }

    private String dropReason() {
        return spoolProblem != null ? "memory queue (" + memoryBound + " events) full and the spool failed: "
                + spoolProblem
                : "Kafka unreachable: memory queue (" + memoryBound + " events) and disk spool (" + spool.maxBytes()
                + " bytes) full";
    }
}
