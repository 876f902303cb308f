package io.parley.ticketing.adapter.out.helpdesk;

import io.micronaut.context.exceptions.ConfigurationException;
import io.parley.ticketing.domain.HelpdeskKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Provider choice from configuration: internal by default, and a wrong or incomplete choice stops the start. */
class HelpdeskRegistryTest {

    @Test
    void internal_is_the_default() {
        HelpdeskRegistry registry = new HelpdeskRegistry(new HelpdeskConfiguration(), List.of(new InternalHelpdesk()));
        assertEquals(HelpdeskKind.INTERNAL, registry.active());
        assertTrue(registry.find(HelpdeskKind.INTERNAL).isPresent());
        assertEquals(Optional.empty(), registry.find(HelpdeskKind.ZENDESK));
    }

    @Test
    void the_configured_provider_is_active_when_it_is_configured() {
        HelpdeskConfiguration configuration = Requests.configuration(Duration.ofSeconds(1));
        configuration.setProvider(" freshdesk ");
        HelpdeskConfiguration.Freshdesk freshdesk = new HelpdeskConfiguration.Freshdesk();
        freshdesk.setBaseUrl("https://acme.freshdesk.com");
        freshdesk.setApiKey("key");
        HelpdeskRegistry registry = new HelpdeskRegistry(configuration,
                List.of(new InternalHelpdesk(), new FreshdeskHelpdesk(configuration, freshdesk, Requests.JSON, Requests.CLOCK)));
        assertEquals(HelpdeskKind.FRESHDESK, registry.active());
        assertTrue(registry.find(HelpdeskKind.INTERNAL).isPresent(), "handoffs queued earlier for the internal queue still resolve");
    }

    @Test
    void an_unknown_or_unconfigured_provider_stops_the_application() {
        HelpdeskConfiguration unknown = new HelpdeskConfiguration();
        unknown.setProvider("jira");
        ConfigurationException wrong = assertThrows(ConfigurationException.class, () -> new HelpdeskRegistry(unknown, List.of(new InternalHelpdesk())));
        assertTrue(wrong.getMessage().contains("internal, zendesk, freshdesk, email"), wrong.getMessage());

        HelpdeskConfiguration zendesk = new HelpdeskConfiguration();
        zendesk.setProvider("zendesk");
        ConfigurationException missing = assertThrows(ConfigurationException.class, () -> new HelpdeskRegistry(zendesk, List.of(new InternalHelpdesk())));
        assertTrue(missing.getMessage().contains("parley.ticketing.handoff.zendesk"), missing.getMessage());
    }
}
