package io.parley.archfixtures.conversation.adapter.in.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;

/** Breaks rule 6: a public controller. */
@Controller("/fixture/public")
@Requires(property = "io.parley.archfixtures.are-never-beans")
public class PublicController {
}
