package io.coxswain.protocol.commands;

import java.util.List;

/** The trigger names an agent understands. */
public final class Triggers {
    public static final String CHECKPOINT = "checkpoint";
    public static final String EVALUATE = "evaluate";
    public static final String LOG = "log";
    public static final String STOP = "stop";
    public static final String EPOCH_STOP = "epoch_stop";
    public static final String PAUSE = "pause";
    public static final String RESUME = "resume";
    public static final List<String> ALL = List.of(CHECKPOINT, EVALUATE, LOG, STOP, EPOCH_STOP, PAUSE, RESUME);

    private Triggers() {
    }
}
