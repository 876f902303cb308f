package io.parley.archfixtures.conversation.application.service;

import io.micronaut.http.HttpResponse;

/** Breaks rule 2: the application imports io.micronaut.http. */
public class ServiceUsingHttp {

    public HttpResponse<String> answer() {
        return HttpResponse.ok("done");
    }
}
