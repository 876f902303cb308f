package io.parley.archfixtures.app.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;

/** Obeys rules 5 and 6: platform/app's own operational controller, package-private. */
@Controller("/fixture/operations")
@Requires(property = "io.parley.archfixtures.are-never-beans")
class OperationsController {
}
