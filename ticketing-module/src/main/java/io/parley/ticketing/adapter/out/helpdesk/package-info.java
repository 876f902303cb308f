/**
 * Helpdesk adapters of the {@link io.parley.ticketing.application.port.out.HelpdeskProvider} port:
 * Parley's own queue (internal, the default), Zendesk, Freshdesk and email. Which one new handoffs go
 * to, and the credentials, come from {@code parley.ticketing.handoff.*}; credentials are never logged
 * and never part of an error text.
 */
package io.parley.ticketing.adapter.out.helpdesk;
