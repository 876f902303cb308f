package io.parley.app.web;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /openapi.yml}: the OpenAPI document generated at build time from every module's controllers. */
@Hidden
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
final class OpenApiController {

    private final String document;

    OpenApiController(ResourceResolver resources) {
        this.document = resources.getResourceAsStream("classpath:META-INF/swagger/parley.yml")
                .map(OpenApiController::read)
                .orElse("openapi: 3.0.1\ninfo:\n  title: Parley\n  version: \"1\"\npaths: {}\n");
    }

    @Get(value = "/openapi.yml", produces = "application/yaml")
    HttpResponse<String> openApi() {
        return HttpResponse.ok(document).contentType(MediaType.of("application/yaml"));
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
