package io.coxswain.cli.commands;

import io.coxswain.cli.ConnectionOptions;
import io.coxswain.ledger.Ledger;
import io.coxswain.ledger.LedgerConfig;
import io.coxswain.ledger.ingest.LedgerIngest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cox ledger ...}: the ledger's own commands. */
@Command(name = "ledger", mixinStandardHelpOptions = true, description = "The ledger (PostgreSQL event store).",
        subcommands = LedgerCommand.Serve.class)
public final class LedgerCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code cox ledger serve}: migrate the schema, then consume both topics into PostgreSQL until Ctrl-C. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Migrate the schema and consume both topics into PostgreSQL; several instances share the load.",
            footer = {"", "Example:", "  cox ledger serve --bootstrap kafka:9092 --jdbc 'jdbc:postgresql://db/coxswain?user=cox'"})
    public static final class Serve implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Override
        public Integer call() throws InterruptedException {
            String jdbc = connection.jdbc();
            Ledger.migrate(jdbc);
            LedgerIngest ingest = new LedgerIngest(LedgerConfig.defaults(connection.bootstrap(), jdbc));
            ingest.start();
            return ComponentRunner.runUntilSignal(ingest, "ledger", spec.commandLine().getOut());
        }
    }
}
