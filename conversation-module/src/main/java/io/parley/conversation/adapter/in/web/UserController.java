package io.parley.conversation.adapter.in.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.parley.conversation.application.port.in.EraseMyDataUseCase;
import io.parley.kernel.Caller;
import io.parley.kernel.TooManyRequestsResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import static io.parley.kernel.ApiDocs.BEARER;
import static io.parley.kernel.ApiDocs.PROBLEM;
import static io.parley.kernel.ApiDocs.PROBLEM_JSON;
import static io.parley.kernel.ApiDocs.TAG_CONVERSATIONS;
import static io.parley.kernel.ApiDocs.UNAUTHORIZED;

/** {@code /api/v1/users/me}: the caller's own data. */
@Controller("/api/v1/users/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = TAG_CONVERSATIONS)
@SecurityRequirement(name = BEARER)
class UserController {

    private final EraseMyDataUseCase eraseMyData;

    UserController(EraseMyDataUseCase eraseMyData) {
        this.eraseMyData = eraseMyData;
    }

    /** 204 whether or not there was anything to erase: the outcome (no data left) is the same. */
    @Delete
    @Operation(operationId = "eraseMyData", summary = "Erase every conversation the caller owns and the caller's user record")
    @ApiResponse(responseCode = "204", description = "Erased, also when there was nothing to erase")
    @ApiResponse(responseCode = "401", description = UNAUTHORIZED,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @TooManyRequestsResponse
    HttpResponse<Void> erase(@Parameter(hidden = true) Caller caller) {
        eraseMyData.eraseMyData(caller);
        return HttpResponse.noContent();
    }
}
