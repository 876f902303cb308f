package io.parley.archfixtures.tracing.adapter.out.ticketing;

import io.parley.archfixtures.ticketing.api.TicketApi;

/** Breaks rule 4: tracing may use conversation.api only, not ticketing. */
class TicketApiClient {

    private final TicketApi tickets;

    TicketApiClient(TicketApi tickets) {
        this.tickets = tickets;
    }
}
