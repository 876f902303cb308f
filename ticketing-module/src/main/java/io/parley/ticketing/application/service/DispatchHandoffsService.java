package io.parley.ticketing.application.service;

import io.parley.ticketing.application.port.in.DispatchHandoffsUseCase;
import io.parley.ticketing.application.port.out.HandoffDispatchSettings;
import io.parley.ticketing.application.port.out.HandoffOutboxPort;
import io.parley.ticketing.application.port.out.HelpdeskProvider;
import io.parley.ticketing.application.port.out.HelpdeskProviders;
import io.parley.ticketing.application.port.out.LoadTicketPort;
import io.parley.ticketing.application.port.out.LoadTranscriptPort;
import io.parley.ticketing.domain.DeliveryOutcome;
import io.parley.ticketing.domain.Handoff;
import io.parley.ticketing.domain.DeliveryState;
import io.parley.ticketing.domain.Ticket;
import io.parley.kernel.Timestamps;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The outbox dispatcher. Deliberately not one transaction: the claim commits at once (so other
 * instances skip these rows), the helpdesk is called with no transaction or lock held, and each
 * outcome is stored in its own short write. Delivery is at-least-once: a dispatcher that dies
 * mid-call leaves the row to be retried when its lease ends (Zendesk also gets an idempotency key).
 */
@Singleton
public class DispatchHandoffsService implements DispatchHandoffsUseCase {

    /** Helpdesks limit a comment's size; the head of a very long conversation is kept and the cut is said. */
    static final int MAX_TRANSCRIPT = 60_000;

    private static final Logger LOG = LoggerFactory.getLogger(DispatchHandoffsService.class);

    private final HandoffOutboxPort outbox;
    private final LoadTicketPort tickets;
    private final LoadTranscriptPort transcripts;
    private final HelpdeskProviders helpdesks;
    private final HandoffDispatchSettings settings;
    private final Clock clock;

    DispatchHandoffsService(HandoffOutboxPort outbox, LoadTicketPort tickets, LoadTranscriptPort transcripts,
                            HelpdeskProviders helpdesks, HandoffDispatchSettings settings, Clock clock) {
        this.outbox = outbox;
        this.tickets = tickets;
        this.transcripts = transcripts;
        this.helpdesks = helpdesks;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public DispatchReport dispatchDue() {
        Instant now = Timestamps.now(clock);
        List<Handoff> claimed = outbox.claimDue(now, settings.batchSize(), now.plus(settings.lease()));
        int delivered = 0;
        int retrying = 0;
        int failed = 0;
        for (Handoff handoff : claimed) {
            DeliveryOutcome outcome = deliver(handoff);
            Handoff after = handoff.after(outcome, settings.retryPolicy(), Timestamps.now(clock));
            boolean recorded = outbox.recordAttempt(after);
            // ids, provider, attempt number and status only: never the transcript, the error text or credentials
            LOG.info("handoff {} of ticket {} via {}: attempt {} -> delivery {}{}", handoff.id(), handoff.ticketId(),
                    handoff.provider().wireValue(), after.attempts(), after.delivery().name().toLowerCase(Locale.ROOT), recorded ? "" : " (superseded, not recorded)");
            if (after.delivery() == DeliveryState.AWAITING_DELIVERY) {
                retrying++;
            } else if (after.delivery() == DeliveryState.GAVE_UP) {
                failed++;
            } else {
                delivered++;
            }
        }
        return claimed.isEmpty() ? DispatchReport.NOTHING : new DispatchReport(claimed.size(), delivered, retrying, failed);
    }

    private DeliveryOutcome deliver(Handoff handoff) {
        try {
            Optional<HelpdeskProvider> provider = helpdesks.find(handoff.provider());
            if (provider.isEmpty()) {
                return new DeliveryOutcome.Retryable("helpdesk " + handoff.provider().wireValue() + " is not configured on this instance", null);
            }
            Optional<Ticket> ticket = tickets.findById(handoff.ticketId());
            Optional<String> transcript = transcripts.plainText(handoff.conversationId());
            if (ticket.isEmpty() || transcript.isEmpty()) {
                return new DeliveryOutcome.Permanent("the ticket or its conversation no longer exists");
            }
            Ticket t = ticket.get();
            return provider.get().deliver(new HelpdeskProvider.HandoffRequest(handoff.id(), t.id(), t.number(), handoff.conversationId(),
                    t.clientId(), t.priority(), handoff.reason(), t.description(), t.initialSummary(), bounded(transcript.get())));
        } catch (RuntimeException e) {
            // the exception's message may quote a URL or an answer: only its type is kept
            LOG.warn("handoff {} delivery failed unexpectedly: {}", handoff.id(), e.getClass().getName());
            return new DeliveryOutcome.Retryable("unexpected error (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    static String bounded(String transcript) {
        if (transcript.length() <= MAX_TRANSCRIPT) {
            return transcript;
        }
        int cut = MAX_TRANSCRIPT;
        if (Character.isHighSurrogate(transcript.charAt(cut - 1))) {
            cut--;
        }
        return transcript.substring(0, cut) + "\n[… transcript cut: " + (transcript.length() - cut)
                + " more characters; the whole conversation is in Parley]\n";
    }
}
