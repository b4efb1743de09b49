package io.coxswain.ledger.store;

import java.util.List;

/**
 * Linked rows as one array per column, to insert a batch in one statement; the hashes as one {@code bytea} of
 * 32 bytes per row each (a first row's missing previous hash as 32 zero bytes).
 */
public record EventColumns(String[] eventIds, String[] runIds, String[] experimentIds, String[] types, Long[] seqs,
                    Long[] steps, String[] eventTimes, String[] payloads, String[] commandIds, String[] sourceTopics,
                    Integer[] sourcePartitions, Long[] sourceOffsets, Long[] runSeqs, byte[] prevHashes,
                    byte[] contentHashes) {

    public static EventColumns of(List<LinkedEvent> rows) {
        int n = rows.size();
        EventColumns c = new EventColumns(new String[n], new String[n], new String[n], new String[n], new Long[n],
                new Long[n], new String[n], new String[n], new String[n], new String[n], new Integer[n], new Long[n],
                new Long[n], new byte[n * ChainHash.LENGTH], new byte[n * ChainHash.LENGTH]);
        for (int i = 0; i < n; i++) {
            LinkedEvent row = rows.get(i);
            NewEvent e = row.event();
            c.eventIds[i] = e.eventId();
            c.runIds[i] = e.runId();
            c.experimentIds[i] = e.experimentId();
            c.types[i] = e.type();
            c.seqs[i] = e.seq();
            c.steps[i] = e.step();
            c.eventTimes[i] = e.eventTime().toString();
            c.payloads[i] = e.payload();
            c.commandIds[i] = e.commandId();
            c.sourceTopics[i] = e.sourceTopic();
            c.sourcePartitions[i] = e.sourcePartition();
            c.sourceOffsets[i] = e.sourceOffset();
            c.runSeqs[i] = row.runSeq();
            if (row.prevHash() != null) {
                System.arraycopy(row.prevHash(), 0, c.prevHashes, i * ChainHash.LENGTH, ChainHash.LENGTH);
            }
            System.arraycopy(row.contentHash(), 0, c.contentHashes, i * ChainHash.LENGTH, ChainHash.LENGTH);
        }
        return c;
    }
}
