package io.coxswain.streams.rules;

import java.util.Objects;
import java.util.Optional;

/** What a rule made of one event: the run's next state and, when the rule fires, what it asks for. */
public record Evaluation<S>(S state, Optional<Firing> firing) {

    public Evaluation {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(firing, "firing");
    }

    public static <S> Evaluation<S> quiet(S state) {
        return new Evaluation<>(state, Optional.empty());
    }

    public static <S> Evaluation<S> fired(S state, Firing firing) {
        return new Evaluation<>(state, Optional.of(firing));
    }
}
