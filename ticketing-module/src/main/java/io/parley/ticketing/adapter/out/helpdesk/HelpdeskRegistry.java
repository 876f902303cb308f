package io.parley.ticketing.adapter.out.helpdesk;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.parley.ticketing.application.port.out.HelpdeskProvider;
import io.parley.ticketing.application.port.out.HelpdeskProviders;
import io.parley.ticketing.domain.HelpdeskKind;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The configured helpdesks. Created at startup ({@code @Context}) so a wrong provider name or a
 * provider without its settings stops the application at once, not at the first escalation.
 */
@Context
class HelpdeskRegistry implements HelpdeskProviders {

    private final HelpdeskKind active;
    private final Map<HelpdeskKind, HelpdeskProvider> providers = new EnumMap<>(HelpdeskKind.class);

    HelpdeskRegistry(HelpdeskConfiguration configuration, List<HelpdeskProvider> available) {
        available.forEach(provider -> providers.put(provider.kind(), provider));
        String name = configuration.getProvider() == null ? "" : configuration.getProvider().strip();
        this.active = HelpdeskKind.fromWire(name).orElseThrow(() -> new ConfigurationException(
                "parley.ticketing.handoff.provider must be one of " + Arrays.stream(HelpdeskKind.values())
                        .map(HelpdeskKind::wireValue).collect(Collectors.joining(", "))));
        if (!providers.containsKey(active)) {
            throw new ConfigurationException("parley.ticketing.handoff.provider is " + active.wireValue()
                    + " but parley.ticketing.handoff." + active.wireValue() + " is not configured");
        }
    }

    @Override
    public HelpdeskKind active() {
        return active;
    }

    @Override
    public Optional<HelpdeskProvider> find(HelpdeskKind kind) {
        return Optional.ofNullable(providers.get(kind));
    }
}
