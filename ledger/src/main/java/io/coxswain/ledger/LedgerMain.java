package io.coxswain.ledger;

import io.coxswain.ledger.ingest.LedgerIngest;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one ledger instance until the process is stopped: migrates the schema, then ingests. */
public final class LedgerMain {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerMain.class);

    private LedgerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LedgerConfig config = LedgerEnvironment.read(System.getenv());
        int applied = Ledger.migrate(config.jdbcUrl());
        LOG.info("ledger schema current ({} migrations applied now); starting with {}", applied, config);
        CountDownLatch stopped = new CountDownLatch(1);
        LedgerIngest ingest = new LedgerIngest(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ingest.close();
            stopped.countDown();
        }, "coxswain-ledger-shutdown"));
        ingest.start();
        stopped.await();
    }
}
