package io.parley.app.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.kernel.Caller;
import io.parley.kernel.ConflictException;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.NotFoundException;
import io.parley.kernel.Role;
import io.parley.kernel.RuleViolationException;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Test-only routes that exercise the error pipeline and the Caller binding. */
@Requires(env = "test")
@Controller("/test-probe")
class ProbeController {

    @Serdeable
    record Echo(String text, int number) {
    }

    @Post("/echo")
    @Secured(SecurityRule.IS_ANONYMOUS)
    Echo echo(@Body Echo echo) {
        return echo;
    }

    @Get("/whoami")
    @Secured(SecurityRule.IS_ANONYMOUS)
    Map<String, Object> whoami(Caller caller) {
        Set<String> roles = new TreeSet<>();
        caller.roles().forEach(r -> roles.add(r.claimValue()));
        return Map.of("authenticated", caller.isAuthenticated(), "subject", String.valueOf(caller.subject()), "roles", roles);
    }

    @Get("/admin-only")
    @Secured("admin")
    Map<String, Object> adminOnly(Caller caller) {
        return Map.of("admin", caller.has(Role.ADMIN));
    }

    @Get("/fail/{kind}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    String fail(@PathVariable String kind) {
        switch (kind) {
            case "not-found" -> throw new NotFoundException("conversation");
            case "forbidden" -> throw new ForbiddenException("agents only");
            case "conflict" -> throw new ConflictException("stale version", Map.of("current_version", 7));
            case "rule" -> throw new RuleViolationException("content", "must not be empty");
            default -> throw new IllegalStateException("boom with secret internals: select * from x");
        }
    }
}
