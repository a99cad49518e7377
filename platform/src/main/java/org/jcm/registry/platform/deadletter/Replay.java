package org.jcm.registry.platform.deadletter;

import java.util.Optional;

/** Runs a dead letter's original record through the same processing as on arrival (implemented by the inbox). */
public interface Replay {

    /** What became of it: applied, already applied before, or refused again (with why). */
    record Result(boolean applied, boolean alreadyApplied, Optional<DeadLetters.Refusal> refusal) {}

    Result replay(DeadLetter letter);
}
