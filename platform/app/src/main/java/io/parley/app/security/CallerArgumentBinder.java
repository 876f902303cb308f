package io.parley.app.security;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import io.parley.kernel.Caller;
import io.parley.kernel.Role;
import jakarta.inject.Singleton;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Lets any controller declare a {@link Caller} parameter: the authenticated JWT's subject and
 * roles, or {@link Caller#anonymous()} when there is no token (guest routes turn that into a
 * guest with the path's session id). Modules never see Micronaut Security's types.
 */
@Singleton
final class CallerArgumentBinder implements TypedRequestArgumentBinder<Caller> {

    @Override
    public Argument<Caller> argumentType() {
        return Argument.of(Caller.class);
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        Caller caller = source.getUserPrincipal(Authentication.class)
                .map(CallerArgumentBinder::toCaller)
                .orElseGet(Caller::anonymous);
        return () -> Optional.of(caller);
    }

    static Caller toCaller(Authentication authentication) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        authentication.getRoles().forEach(r -> Role.fromClaim(r).ifPresent(roles::add));
        Object email = authentication.getAttributes().get("email");
        Object name = authentication.getAttributes().get("name");
        return Caller.authenticated(authentication.getName(), roles,
                email instanceof String e ? e : null, name instanceof String n ? n : null);
    }
}
