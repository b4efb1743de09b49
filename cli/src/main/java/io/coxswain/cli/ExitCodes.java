package io.coxswain.cli;

import io.coxswain.protocol.CoxswainException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Every exit code of {@code cox}, and the one place that maps failures onto them. */
public final class ExitCodes {
    public static final int OK = 0;
    /** An unexpected failure (a bug or an environment problem the message names). */
    public static final int FAILED = 1;
    /** Wrong arguments or options. */
    public static final int USAGE = 2;
    /** The agent rejected the command; the reason is printed. */
    public static final int REJECTED = 3;
    /** No answer from the agent within the timeout. */
    public static final int NO_ANSWER = 4;
    /** No such run in the ledger (close matches are suggested). */
    public static final int UNKNOWN_RUN = 5;
    /** Kafka or PostgreSQL could not be reached, or no stack is configured. */
    public static final int UNREACHABLE = 6;
    /** The run exists but has finished: nothing is listening for commands. */
    public static final int RUN_FINISHED = 7;
    /** A training run ended in failure. */
    public static final int RUN_FAILED = 8;
    public static final int CHAIN_BROKEN = 9;
    /** {@code cox replay}: the replay's losses differ from the original's (the first difference is printed). */
    public static final int REPLAY_MISMATCH = 10;

    public static final String HELP = """
            Exit codes:
              0  success            3  command rejected    6  Kafka/PostgreSQL unreachable
              1  unexpected failure 4  no answer (timeout)  7  run already finished
              2  usage error        5  unknown run          8  training run failed
                                                           9  ledger hash chain broken
                                                          10  replay's losses differ""";

    private ExitCodes() {
    }

    /** Prints a failure as one clear line on stderr (the stack trace only for unexpected failures) and maps it. */
    public static int handle(Exception e, CommandLine cmd) {
        PrintWriter err = cmd.getErr();
        if (e instanceof CliException cli) {
            err.println("cox: " + cli.getMessage());
            return cli.exitCode();
        }
        if (e instanceof CoxswainException known) {
            err.println("cox: " + known.getMessage());
            return FAILED;
        }
        err.println("cox: unexpected failure: " + e);
        e.printStackTrace(err);
        return FAILED;
    }
}
