package org.jcm.registry.creditissuance.ledger;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jcm.registry.contract.ledger.LedgerEvent;
import org.jcm.registry.platform.eventlog.EventStream;
import org.jcm.registry.platform.eventlog.EventStreams;

/** Publishes the ledger's events on the transactions topic, keyed by registry, and describes a transaction's blocks for them. */
@ApplicationScoped
public class LedgerEvents {

    static final String AGGREGATE = "Ledger";

    private final EventStream<LedgerEvent> stream;

    public LedgerEvents(EventStreams streams) {
        this.stream = streams.of(AGGREGATE, LedgerEvent.class);
    }

    public void append(LedgerEvent event) {
        stream.append(event.registryCode(), event);
    }

    /** The blocks a completed transaction opened, as its event carries them (with the holding accounts' numbers). */
    public static List<LedgerEvent.Block> opened(Ledger.Completed completed) {
        return completed.opened().stream().map(b -> new LedgerEvent.Block(b.id(), b.display(), b.registryCode(), b.range().start(), b.range().end(),
                b.attributes().projectReference(), new LedgerEvent.Period(b.attributes().periodStart(), b.attributes().periodEnd()),
                b.attributes().vintage(), b.accountNumber(), b.parentId(), b.origin())).toList();
    }
}
