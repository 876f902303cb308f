package io.parley.conversation.adapter.in.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.parley.conversation.application.port.in.EraseMyDataUseCase;
import io.parley.kernel.Caller;
import io.swagger.v3.oas.annotations.Parameter;

/** {@code /api/v1/users/me}: the caller's own data. */
@Controller("/api/v1/users/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
class UserController {

    private final EraseMyDataUseCase eraseMyData;

    UserController(EraseMyDataUseCase eraseMyData) {
        this.eraseMyData = eraseMyData;
    }

    /** 204 whether or not there was anything to erase: the outcome (no data left) is the same. */
    @Delete
    HttpResponse<Void> erase(@Parameter(hidden = true) Caller caller) {
        eraseMyData.eraseMyData(caller);
        return HttpResponse.noContent();
    }
}
