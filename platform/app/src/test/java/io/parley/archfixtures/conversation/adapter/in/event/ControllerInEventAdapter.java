package io.parley.archfixtures.conversation.adapter.in.event;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;

/** Breaks rule 5: a controller outside adapter.in.web. */
@Controller("/fixture/misplaced")
@Requires(property = "io.parley.archfixtures.are-never-beans")
class ControllerInEventAdapter {
}
