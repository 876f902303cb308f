package io.parley.archfixtures.conversation.adapter.in.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;

/** Obeys rules 5 and 6: a package-private controller; its public nested DTO is not reachable from outside. */
@Controller("/fixture/nested")
@Requires(property = "io.parley.archfixtures.are-never-beans")
class ControllerWithNestedReply {

    public record Reply(String text) {
    }
}
