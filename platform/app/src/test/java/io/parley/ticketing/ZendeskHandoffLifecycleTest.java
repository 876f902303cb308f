package io.parley.ticketing;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;

import java.util.Map;

/** The handoff lifecycle with Zendesk (a fake Zendesk API on a local port). */
@MicronautTest(transactional = false)
class ZendeskHandoffLifecycleTest extends HandoffLifecycleContract {

    static final FakeHelpdeskServer ZENDESK = FakeHelpdeskServer.start();

    @AfterAll
    static void stop() {
        ZENDESK.close();
    }

    @Override
    String provider() {
        return "zendesk";
    }

    @Override
    Map<String, String> helpdesk() {
        return Map.of("parley.ticketing.handoff.zendesk.base-url", ZENDESK.baseUrl() + "/",
                "parley.ticketing.handoff.zendesk.email", "bot@parley.example",
                "parley.ticketing.handoff.zendesk.api-token", "zd-lifecycle-token");
    }

    @Override
    int deliveries() {
        return ZENDESK.requests().size();
    }

    @Override
    void breakDelivery() {
        ZENDESK.script(FakeHelpdeskServer.Reply.status(503));
    }

    @Override
    void restoreDelivery() {
        ZENDESK.reset();
    }
}
