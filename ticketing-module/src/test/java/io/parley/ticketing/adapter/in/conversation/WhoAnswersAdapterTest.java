package io.parley.ticketing.adapter.in.conversation;

import io.parley.conversation.api.WhoAnswers;
import io.parley.ticketing.application.port.in.FindAnswererUseCase;
import io.parley.ticketing.domain.Handoff;
import io.parley.ticketing.domain.HelpdeskKind;
import io.parley.ticketing.domain.Priority;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketNumber;
import io.parley.ticketing.domain.TicketStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The conversation module's view: the assistant, or a person with the handoff object of the chat response. */
class WhoAnswersAdapterTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    final UUID conversation = UUID.randomUUID();

    @Test
    void the_assistant_stays_the_assistant() {
        assertSame(WhoAnswers.Assistant.INSTANCE, new WhoAnswersAdapter(id -> FindAnswererUseCase.Assistant.INSTANCE).answererOf(conversation));
    }

    @Test
    void a_person_comes_with_the_handoff_object_of_the_chat_response() {
        Ticket ticket = pending();
        Handoff handoff = Handoff.queue(UUID.randomUUID(), ticket.id(), conversation, HelpdeskKind.ZENDESK, "low confidence", NOW);

        var answerer = new WhoAnswersAdapter(id -> new FindAnswererUseCase.People(ticket, Optional.of(handoff))).answererOf(conversation);

        assertEquals(new WhoAnswers.Person(new WhoAnswers.HandoffView(true, "low confidence", "zendesk", ticket.id(), "T-1042", "pending")), answerer);
    }

    @Test
    void a_ticket_never_handed_off_still_names_its_reason_and_status() {
        Ticket ticket = pending();

        var answerer = new WhoAnswersAdapter(id -> new FindAnswererUseCase.People(ticket, Optional.empty())).answererOf(conversation);

        assertEquals(new WhoAnswers.Person(new WhoAnswers.HandoffView(true, "help", null, ticket.id(), "T-1042", "pending")), answerer);
    }

    private Ticket pending() {
        return Ticket.open(UUID.randomUUID(), new TicketNumber(1042), conversation, null, Priority.NORMAL, null, Map.of(),
                Ticket.Move.by("guest", null, NOW, UUID.randomUUID())).ticket()
                .moveTo(TicketStatus.PENDING_HUMAN_ASSIGNMENT, Ticket.Move.by("guest", "help", NOW, UUID.randomUUID())).ticket();
    }
}
