package org.jcm.registry.platform.eventlog;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Recomputes the event log's hash chain from the first entry and reports the first position that breaks it. */
@ApplicationScoped
public class ChainVerifier {

    private static final int PAGE = 1000;

    private final EventLog log;

    public ChainVerifier(EventLog log) {
        this.log = log;
    }

    public record Verification(boolean valid, long entriesChecked, long lastPosition, String lastHash, Long firstBrokenPosition,
            String problem, long entriesAwaitingChain) {}

    @Transactional
    public Verification verify() {
        long expectedPosition = 1;
        String prevHash = ChainHash.GENESIS;
        long checked = 0;
        while (true) {
            List<EventLogEntry> page = log.chainedAfter(expectedPosition - 1, PAGE);
            if (page.isEmpty()) {
                return new Verification(true, checked, expectedPosition - 1, prevHash, null, null, log.unchainedCount());
            }
            for (EventLogEntry e : page) {
                String problem = null;
                if (e.position() != expectedPosition) {
                    problem = "entry " + expectedPosition + " is missing (next entry is " + e.position() + ")";
                    return broken(checked, expectedPosition, prevHash, problem);
                }
                if (!prevHash.equals(e.prevHash())) {
                    problem = "its previous hash does not match entry " + (expectedPosition - 1);
                } else if (!ChainHash.of(prevHash, e.position(), e.content()).equals(e.hash())) {
                    problem = "its content does not match its hash: the entry was altered after it was written";
                }
                if (problem != null) {
                    return broken(checked, expectedPosition, prevHash, problem);
                }
                prevHash = e.hash();
                checked++;
                expectedPosition++;
            }
        }
    }

    private Verification broken(long checked, long position, String prevHash, String problem) {
        return new Verification(false, checked, position - 1, prevHash, position, "Entry " + position + ": " + problem, log.unchainedCount());
    }
}
