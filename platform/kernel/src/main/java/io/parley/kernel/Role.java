package io.parley.kernel;

import java.util.Locale;
import java.util.Optional;

/** The roles a JWT may carry in its {@code roles} claim. */
public enum Role {
    USER, AGENT, ADMIN, SERVICE;

    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromClaim(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.claimValue().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
