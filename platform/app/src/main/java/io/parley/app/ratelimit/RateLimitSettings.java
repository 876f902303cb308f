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
 * {@code refill-period} (defaults in {@code application.yml}), the {@code trusted-proxies} (CIDRs), the
 * number of {@code instances} that share each budget, and the {@link Tarpit}'s {@code refusal-delay},
 * {@code refusal-delay-after} and {@code max-delayed-refusals}. Read when the application starts: a missing or invalid
 * value stops the start rather than leaving a write unlimited.
 */
@Context
@Requires(property = RateLimitSettings.ENABLED, notEquals = "false")
final class RateLimitSettings {

    static final String PREFIX = "parley.rate-limits";
    static final String ENABLED = PREFIX + ".enabled";
    /** The defaults of application.yml, for a configuration that leaves the tarpit's keys out. */
    static final Duration DEFAULT_REFUSAL_DELAY = Duration.ofSeconds(1);
    static final int DEFAULT_REFUSAL_DELAY_AFTER = 10;
    static final int DEFAULT_MAX_DELAYED_REFUSALS = 1000;
    /** A delayed answer holds a connection: longer than a client's usual timeout would only look like an outage. */
    static final Duration MAX_REFUSAL_DELAY = Duration.ofSeconds(10);

    private final Map<Limit, Budget> configured;
    private final Map<Limit, Budget> perInstance;
    private final int instances;
    private final List<String> trustedProxies;
    private final ClientAddresses clientAddresses;
    private final Duration refusalDelay;
    private final int refusalDelayAfter;
    private final int maxDelayedRefusals;

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
        this.refusalDelay = properties.getProperty(PREFIX + ".refusal-delay", Duration.class, DEFAULT_REFUSAL_DELAY);
        this.refusalDelayAfter = properties.getProperty(PREFIX + ".refusal-delay-after", Integer.class, DEFAULT_REFUSAL_DELAY_AFTER);
        this.maxDelayedRefusals = properties.getProperty(PREFIX + ".max-delayed-refusals", Integer.class, DEFAULT_MAX_DELAYED_REFUSALS);
        if (refusalDelay.isNegative() || refusalDelay.compareTo(MAX_REFUSAL_DELAY) > 0) {
            throw new ConfigurationException(PREFIX + ".refusal-delay must be between 0 (off) and " + MAX_REFUSAL_DELAY.toSeconds()
                    + " s, was " + refusalDelay);
        }
        if (refusalDelayAfter < 1 || maxDelayedRefusals < 0) {
            throw new ConfigurationException(PREFIX + ".refusal-delay-after must be at least 1 and .max-delayed-refusals at least 0");
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

    /** How long the answer to a key that keeps being refused is held back; zero: never. */
    Duration refusalDelay() {
        return refusalDelay;
    }

    /** The refusals in a row a key gets at once before its answers are delayed. */
    int refusalDelayAfter() {
        return refusalDelayAfter;
    }

    /** Delayed answers pending at most; beyond them a refusal is answered at once (each holds a connection). */
    int maxDelayedRefusals() {
        return maxDelayedRefusals;
    }

    /** Who a request comes from, given the trusted proxies. */
    ClientAddresses clientAddresses() {
        return clientAddresses;
    }
}
