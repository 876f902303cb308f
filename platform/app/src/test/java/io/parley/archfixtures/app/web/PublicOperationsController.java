package io.parley.archfixtures.app.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;

/** Breaks rule 6: a controller is package-private even in platform/app. */
@Controller("/fixture/public-operations")
@Requires(property = "io.parley.archfixtures.are-never-beans")
public class PublicOperationsController {
}
