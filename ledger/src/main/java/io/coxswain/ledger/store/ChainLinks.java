package io.coxswain.ledger.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Gives new rows their places at the ends of their runs' chains. Pure: values in, values out. */
public final class ChainLinks {

    private ChainLinks() {
    }

    /**
     * @param events  rows in the order they are to be stored; each run's rows keep this order in its chain
     * @param stored  event ids already stored: those rows, and an id's later copies in {@code events}, are left out
     * @param heads   each run's last stored row; a run without one starts at position 1
     * @return the rows to insert, in order, each linked to the row before it in its run
     */
    public static List<LinkedEvent> extend(List<NewEvent> events, Set<String> stored, Map<String, ChainHead> heads,
                                           ChainHash hash) {
        Map<String, ChainHead> ends = new HashMap<>(heads);
        Set<String> taken = new HashSet<>(stored);
        List<LinkedEvent> linked = new ArrayList<>(events.size());
        for (NewEvent e : events) {
            if (!taken.add(e.eventId())) {
                continue;
            }
            ChainHead head = ends.get(e.runId());
            long runSeq = head == null ? 1 : head.runSeq() + 1;
            byte[] prev = head == null ? null : head.contentHash();
            byte[] content = hash.of(e.runId(), runSeq, e.eventId(), e.experimentId(), e.type(), e.seq(), e.step(),
                    e.eventTime(), e.commandId(), e.payload().getBytes(StandardCharsets.UTF_8), prev);
            linked.add(new LinkedEvent(e, runSeq, prev, content));
            ends.put(e.runId(), new ChainHead(e.runId(), runSeq, content));
        }
        return linked;
    }
}
