package io.parley.ticketing;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;

import java.util.Map;

/** The handoff lifecycle with Freshdesk (a fake Freshdesk API on a local port). */
@MicronautTest(transactional = false)
class FreshdeskHandoffLifecycleTest extends HandoffLifecycleContract {

    static final FakeHelpdeskServer FRESHDESK = FakeHelpdeskServer.start();

    @AfterAll
    static void stop() {
        FRESHDESK.close();
    }

    @Override
    String provider() {
        return "freshdesk";
    }

    @Override
    Map<String, String> helpdesk() {
        return Map.of("parley.ticketing.handoff.freshdesk.base-url", FRESHDESK.baseUrl() + "/",
                "parley.ticketing.handoff.freshdesk.api-key", "fd-lifecycle-key");
    }

    @Override
    int deliveries() {
        return FRESHDESK.requests().size();
    }

    @Override
    void breakDelivery() {
        FRESHDESK.script(FakeHelpdeskServer.Reply.status(502));
    }

    @Override
    void restoreDelivery() {
        FRESHDESK.reset();
    }
}
