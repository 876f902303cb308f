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
import io.parley.tracing.adapter.in.web.TraceResponses.IngestResponse;
import io.parley.tracing.adapter.in.web.TraceResponses.TracesResponse;
import io.parley.tracing.application.port.in.IngestSpansCommand;
import io.parley.tracing.application.port.in.IngestSpansUseCase;
import io.parley.tracing.application.port.in.ReadTracesUseCase;
import io.parley.tracing.application.port.in.SpanInput;
import io.parley.kernel.TooManyRequestsResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;
import java.util.stream.IntStream;

import static io.parley.kernel.ApiDocs.BEARER;
import static io.parley.kernel.ApiDocs.FORBIDDEN;
import static io.parley.kernel.ApiDocs.NOT_FOUND;
import static io.parley.kernel.ApiDocs.PAYLOAD_TOO_LARGE;
import static io.parley.kernel.ApiDocs.PROBLEM;
import static io.parley.kernel.ApiDocs.PROBLEM_JSON;
import static io.parley.kernel.ApiDocs.TAG_TRACES;
import static io.parley.kernel.ApiDocs.UNAUTHORIZED;
import static io.parley.kernel.ApiDocs.UNSUPPORTED_MEDIA_TYPE;

/** docs/api.md "Agent traces": batch ingestion by the service, span trees for those who may read the conversation. */
@Controller("/api/v1")
@Tag(name = TAG_TRACES)
@SecurityRequirement(name = BEARER)
@ApiResponse(responseCode = "401", description = UNAUTHORIZED,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
class TraceController {

    private final IngestSpansUseCase ingestion;
    private final ReadTracesUseCase traces;

    TraceController(IngestSpansUseCase ingestion, ReadTracesUseCase traces) {
        this.ingestion = ingestion;
        this.traces = traces;
    }

    @Post("/traces")
    @Secured("service")
    @Operation(operationId = "ingestTraces", summary = "Ingest a batch of spans (service)",
            description = "1..500 spans, all or nothing; the body may be up to 8 MiB. Other roles: 403.")
    @ApiResponse(responseCode = "202", description = "The batch was stored", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "spans or a member of the wrong JSON type",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "403", description = FORBIDDEN,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "413", description = PAYLOAD_TOO_LARGE,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "415", description = UNSUPPORTED_MEDIA_TYPE,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "422",
            description = "No or too many spans, a null span, a broken rule, an unknown conversation or message (the first 100 errors)",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @TooManyRequestsResponse
    HttpResponse<IngestResponse> ingest(@Body IngestSpansRequest body, @Parameter(hidden = true) Caller caller) {
        List<SpanInput> spans = body.spans() == null ? null : IntStream.range(0, body.spans().size())
                .mapToObj(i -> body.spans().get(i) == null ? null : body.spans().get(i).input(i)).toList();
        return HttpResponse.accepted().body(IngestResponse.of(ingestion.ingest(IngestSpansCommand.of(spans), caller)));
    }

    @Get("/conversations/{id}/traces")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Operation(operationId = "getConversationTraces", summary = "The span trees of a conversation",
            description = "Who: authenticated callers who may read the conversation. No spans: empty trees and zero totals.")
    @ApiResponse(responseCode = "200", description = "The traces", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    TracesResponse conversationTraces(@PathVariable @Parameter(description = "The conversation's id", schema = @Schema(format = "uuid")) String id,
                                      @Parameter(hidden = true) Caller caller) {
        return TracesResponse.of(traces.forConversation(id, caller));
    }

    @Get("/messages/{id}/traces")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Operation(operationId = "getMessageTraces", summary = "The whole traces that touch a message",
            description = "Who: authenticated callers who may read the conversation the spans name. 404 also for a message with no spans.")
    @ApiResponse(responseCode = "200", description = "The traces", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    TracesResponse messageTraces(@PathVariable @Parameter(description = "The message's id", schema = @Schema(format = "uuid")) String id,
                                 @Parameter(hidden = true) Caller caller) {
        return TracesResponse.of(traces.forMessage(id, caller));
    }
}
