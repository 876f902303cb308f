package io.parley.tracing.adapter.in.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.parley.kernel.Caller;
import io.parley.tracing.adapter.in.web.TraceReplies.IngestReply;
import io.parley.tracing.adapter.in.web.TraceReplies.TracesReply;
import io.parley.tracing.application.port.in.IngestSpansUseCase;
import io.parley.tracing.application.port.in.ReadTracesUseCase;
import io.parley.tracing.application.port.in.SpanInput;

import java.util.List;
import java.util.stream.IntStream;

/** API.md "Agent traces": batch ingestion by the service, span trees for those who may read the conversation. */
@Controller("/api/v1")
class TraceController {

    private final IngestSpansUseCase ingestion;
    private final ReadTracesUseCase traces;

    TraceController(IngestSpansUseCase ingestion, ReadTracesUseCase traces) {
        this.ingestion = ingestion;
        this.traces = traces;
    }

    @Post("/traces")
    @Secured("service")
    HttpResponse<IngestReply> ingest(@Body IngestSpansBody body, Caller caller) {
        List<SpanInput> spans = body.spans() == null ? null : IntStream.range(0, body.spans().size())
                .mapToObj(i -> body.spans().get(i) == null ? null : body.spans().get(i).input(i)).toList();
        return HttpResponse.accepted().body(IngestReply.of(ingestion.ingest(spans, caller)));
    }

    @Get("/conversations/{id}/traces")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    TracesReply conversationTraces(@PathVariable String id, Caller caller) {
        return TracesReply.of(traces.forConversation(id, caller));
    }

    @Get("/messages/{id}/traces")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    TracesReply messageTraces(@PathVariable String id, Caller caller) {
        return TracesReply.of(traces.forMessage(id, caller));
    }
}
