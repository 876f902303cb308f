package io.parley.app.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.DefaultRolesFinder;
import io.micronaut.security.token.RolesFinder;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The {@code roles} claim, and {@code ["user"]} when a token carries none (docs/api.md: missing = user). */
@Singleton
@Replaces(DefaultRolesFinder.class)
final class DefaultUserRoleFinder implements RolesFinder {

    @Override
    public List<String> resolveRoles(@Nullable Map<String, Object> attributes) {
        Object claim = attributes == null ? null : attributes.get("roles");
        if (claim instanceof Collection<?> values && !values.isEmpty()) {
            return values.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String value && !value.isBlank()) {
            return List.of(value.split("[ ,]+"));
        }
        return List.of("user");
    }
}
