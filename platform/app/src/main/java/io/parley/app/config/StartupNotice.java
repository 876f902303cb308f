package io.parley.app.config;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells whoever started Parley where it listens and how to get a token to call it. */
@Singleton
final class StartupNotice {

    private static final Logger LOG = LoggerFactory.getLogger(StartupNotice.class);

    @EventListener
    void onStartup(ServerStartupEvent event) {
        String url = event.getSource().getURL().toString();
        LOG.info("Parley is listening on {} (health: {}/health, API docs: {}/swagger-ui/index.html)", url, url, url);
        LOG.info("Mint a development token with: ./parley token --sub alice --roles user   (roles: user, agent, admin, service)");
    }
}
