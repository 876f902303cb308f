package io.parley.app.security;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.event.TokenValidatedEvent;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.micronaut.security.token.reader.TokenResolver;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.List;
import java.util.Optional;

/**
 * Micronaut Security's bearer-token authentication with a cache of {@link ValidatedTokens} in front:
 * a token seen and validated before is not parsed and verified again while it is still unexpired.
 * A miss, an invalid token and a request with several tokens take Micronaut's path unchanged.
 */
@Singleton
@Replaces(TokenAuthenticationFetcher.class)
final class CachingTokenAuthenticationFetcher extends TokenAuthenticationFetcher {

    private final TokenResolver<HttpRequest<?>> tokenResolver;
    private final ApplicationEventPublisher<TokenValidatedEvent> tokenValidated;
    private final HttpHostResolver hostResolver;
    private final HttpLocaleResolver localeResolver;
    private final ValidatedTokens validated;
    /**
     * Whether any bean listens to {@link TokenValidatedEvent}. Without one, publishing it is a no-op, but
     * building it (the request's host and locale, resolved from its headers) cost several percent of an
     * append's CPU: it is then skipped.
     */
    private final boolean eventHasListeners;

    @Inject
    CachingTokenAuthenticationFetcher(List<TokenValidator<HttpRequest<?>>> tokenValidators,
                                      TokenResolver<HttpRequest<?>> tokenResolver,
                                      ApplicationEventPublisher<TokenValidatedEvent> tokenValidated,
                                      HttpHostResolver hostResolver, HttpLocaleResolver localeResolver,
                                      ValidatedTokens validated, BeanContext beans) {
        super(tokenValidators, tokenResolver, tokenValidated, hostResolver, localeResolver);
        this.tokenResolver = tokenResolver;
        this.tokenValidated = tokenValidated;
        this.hostResolver = hostResolver;
        this.localeResolver = localeResolver;
        this.validated = validated;
        this.eventHasListeners = !beans.getBeanDefinitions(ApplicationEventListener.class,
                Qualifiers.byTypeArguments(TokenValidatedEvent.class)).isEmpty();
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        List<String> tokens = tokenResolver.resolveTokens(request);
        if (tokens == null || tokens.size() != 1) {
            return super.fetchAuthentication(request);
        }
        String token = tokens.get(0);
        Optional<Authentication> known = validated.find(token);
        if (known.isPresent()) {
            // what Micronaut does after a successful validation
            request.setAttribute(SecurityFilter.TOKEN, token);
            if (eventHasListeners) {
                tokenValidated.publishEvent(new TokenValidatedEvent(token, hostResolver.resolve(request),
                        localeResolver.resolveOrDefault(request)));
            }
            return Publishers.just(known.get());
        }
        return Publishers.then(super.fetchAuthentication(request), authentication -> validated.remember(token, authentication));
    }
}
