package io.parley.app.ratelimit;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.type.Argument;
import io.micronaut.core.value.PropertyResolver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code parley.rate-limits.*}: for every {@link Limit} its {@code capacity}, {@code refill-tokens} and
 * {@code refill-period} (defaults in {@code application.yml}), the {@code trusted-proxies} (CIDRs) and the
 * number of {@code instances} that share each budget. Read when the application starts: a missing or invalid
 * value stops the start rather than leaving a write unlimited.
 */
@Context
@Requires(property = RateLimitSettings.ENABLED, notEquals = "false")
final class RateLimitSettings {

    static final String PREFIX = "parley.rate-limits";
    static final String ENABLED = PREFIX + ".enabled";

    private final Map<Limit, Budget> configured;
    private final Map<Limit, Budget> perInstance;
    private final int instances;
    private final List<String> trustedProxies;
    private final ClientAddresses clientAddresses;

    RateLimitSettings(PropertyResolver properties) {
        this.instances = properties.getProperty(PREFIX + ".instances", Integer.class, 1);
        if (instances < 1) {
            throw new ConfigurationException(PREFIX + ".instances must be at least 1, was " + instances);
        }
        Map<Limit, Budget> budgets = new EnumMap<>(Limit.class);
        Map<Limit, Budget> shares = new EnumMap<>(Limit.class);
        for (Limit limit : Limit.values()) {
            Budget budget = read(properties, limit);
            budgets.put(limit, budget);
            shares.put(limit, budget.share(instances));
        }
        this.configured = Collections.unmodifiableMap(budgets);
        this.perInstance = Collections.unmodifiableMap(shares);
        this.trustedProxies = splitList(properties.getProperty(PREFIX + ".trusted-proxies", Argument.listOf(String.class)).orElse(List.of()));
        try {
            this.clientAddresses = new ClientAddresses(trustedProxies);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(PREFIX + ".trusted-proxies: " + e.getMessage());
        }
    }

    private static Budget read(PropertyResolver properties, Limit limit) {
        String prefix = PREFIX + "." + limit.configName();
        Long capacity = properties.getProperty(prefix + ".capacity", Long.class).orElse(null);
        Long refillTokens = properties.getProperty(prefix + ".refill-tokens", Long.class).orElse(null);
        Duration refillPeriod = properties.getProperty(prefix + ".refill-period", Duration.class).orElse(null);
        if (capacity == null || refillTokens == null || refillPeriod == null) {
            throw new ConfigurationException(prefix + ".capacity, .refill-tokens and .refill-period are required");
        }
        try {
            return new Budget(capacity, refillTokens, refillPeriod);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(prefix + ": " + e.getMessage());
        }
    }

    /** {@code "10.0.0.0/8, 192.168.0.0/16"} from an environment variable arrives as one element: split it. */
    static List<String> splitList(List<String> values) {
        List<String> items = new ArrayList<>();
        for (String value : values) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        }
        return List.copyOf(items);
    }

    /** The budget as configured, for the whole deployment. */
    Budget configured(Limit limit) {
        return configured.get(limit);
    }

    /** What this instance enforces: its share of the configured budget. */
    Budget perInstance(Limit limit) {
        return perInstance.get(limit);
    }

    int instances() {
        return instances;
    }

    List<String> trustedProxies() {
        return trustedProxies;
    }

    /** Who a request comes from, given the trusted proxies. */
    ClientAddresses clientAddresses() {
        return clientAddresses;
    }
}
