package io.parley.live;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.sse.Event;
import reactor.core.publisher.Flux;

/**
 * The response around a stream: 200 with headers that keep caches and buffering proxies (nginx) from
 * holding events back ({@code Cache-Control: no-cache}, {@code X-Accel-Buffering: no}).
 */
public final class LiveResponses {

    private LiveResponses() {
    }

    public static MutableHttpResponse<Flux<Event<Object>>> ok(Flux<Event<Object>> events) {
        return HttpResponse.ok(events).header("Cache-Control", "no-cache").header("X-Accel-Buffering", "no");
    }
}
