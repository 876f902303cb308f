package io.parley.app.web;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.client.ApiClient;
import io.parley.client.ApiException;
import io.parley.client.api.ChatApi;
import io.parley.client.api.ConversationsApi;
import io.parley.client.api.KnowledgeApi;
import io.parley.client.api.SessionsApi;
import io.parley.client.api.TicketsApi;
import io.parley.client.api.TracesApi;
import io.parley.client.model.AppendMessageRequest;
import io.parley.client.model.ChatTurn;
import io.parley.client.model.ChatTurnRequest;
import io.parley.client.model.Conversation;
import io.parley.client.model.Feedback;
import io.parley.client.model.FeedbackRequest;
import io.parley.client.model.Handoff;
import io.parley.client.model.KnowledgeDocumentRequest;
import io.parley.client.model.Message;
import io.parley.client.model.Problem;
import io.parley.client.model.SpanInput;
import io.parley.client.model.Ticket;
import io.parley.client.model.TicketTransitionRequest;
import io.parley.client.model.TicketUpdateRequest;
import io.parley.client.model.TraceBatch;
import io.parley.client.model.TraceIngestResult;
import io.parley.client.model.TraceTree;
import io.parley.client.model.Traces;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's walkthrough, driven by a Java client that OpenAPI Generator made from the document this build serves
 * (platform/app/pom.xml, execution generated-client): guest chat, escalation, an agent claims, replies and resolves,
 * the conversation closes, the guest rates it, the AI agent sends a traces batch. No hand-written HTTP: if the document
 * and the service disagreed on a path, a parameter, a status or a member, the generated client would fail here.
 */
@MicronautTest(transactional = false)
class GeneratedClientWalkthroughTest extends WebTest {

    @Test
    void the_readme_walkthrough_with_a_generated_client() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ApiClient guest = client(null);
        ApiClient agent = client(TestTokens.withRoles("ada-" + suffix, "agent"));
        ApiClient admin = client(TestTokens.withRoles("root-" + suffix, "admin"));
        ApiClient service = client(TestTokens.withRoles("support-bot-" + suffix, "service"));

        // an admin loads the article the assistant answers from
        new KnowledgeApi(admin).createKnowledgeDocument(new KnowledgeDocumentRequest()
                .title("Resetting a forgotten password")
                .content("If you forgot your password, select Forgot password on the sign-in page and enter the email address of your"
                        + " account. We send you a link to reset the password; the link is valid for one hour.")
                .tags(List.of("account", "password")));

        // 1. a guest asks: a conversation starts, and its session_id is the guest's key to it
        ChatApi chat = new ChatApi(guest);
        ChatTurn first = chat.chatTurn(new ChatTurnRequest().message("How do I reset my password?").locale("en-US"), null);
        String session = first.getSessionId();
        UUID conversationId = first.getConversationId();
        assertNotNull(session);
        assertEquals(1L, first.getMessage().getSeq());
        assertNotNull(first.getReply(), "the assistant answers");
        assertEquals(2L, first.getReply().getSeq());

        // 2. ask for a person: the assistant hands off and a ticket is opened; a retry with the same key is the same turn
        String key = "ask-human-" + suffix;
        ChatTurn escalated = chat.chatTurn(new ChatTurnRequest().sessionId(session).message("Can I talk to a human?"), key);
        assertNotNull(escalated.getHandoff(), "a handoff");
        assertEquals("pending", escalated.getHandoff().getStatus().getValue());
        UUID ticketId = escalated.getHandoff().getTicketId();
        assertNotNull(ticketId);
        assertEquals(escalated.getMessage().getId(),
                chat.chatTurn(new ChatTurnRequest().sessionId(session).message("Can I talk to a human?"), key).getMessage().getId());
        SessionsApi sessions = new SessionsApi(guest);
        assertEquals(Ticket.StatusEnum.PENDING_HUMAN_ASSIGNMENT, sessions.getSessionTicket(session).getStatus());

        // 3. the AI agent flags it urgent, and an agent takes the next ticket from the queue (other test classes share the
        //    database and may have left tickets waiting: take until this one comes)
        Ticket flagged = new TicketsApi(service).updateTicket(ticketId, new TicketUpdateRequest().version(
                sessions.getSessionTicket(session).getVersion()).priority(TicketUpdateRequest.PriorityEnum.URGENT));
        assertEquals(Ticket.PriorityEnum.URGENT, flagged.getPriority());
        TicketsApi agentTickets = new TicketsApi(agent);
        Ticket claimed = agentTickets.claimTicket();
        for (int taken = 0; claimed != null && !claimed.getId().equals(ticketId) && taken < 50; taken++) {
            claimed = agentTickets.claimTicket();
        }
        assertNotNull(claimed, "the queue had the ticket");
        assertEquals(ticketId, claimed.getId());
        assertEquals(Ticket.StatusEnum.ACTIVE_HUMAN_CHAT, claimed.getStatus());
        assertNotNull(claimed.getAssigneeId());

        // 4. the agent replies in the conversation: an assistant message, signed by the agent
        Message reply = new ConversationsApi(agent).appendMessage(conversationId, new AppendMessageRequest()
                .role(AppendMessageRequest.RoleEnum.ASSISTANT).content("I have sent you a password reset link."), null);
        assertEquals(Message.RoleEnum.ASSISTANT, reply.getRole());
        assertEquals(Map.of("author", "agent:ada-" + suffix), reply.getMetadata());
        assertTrue(sessions.listSessionMessages(session, "desc", 1, null).getItems().stream()
                .anyMatch(m -> m.getId().equals(reply.getId())), "the guest sees the reply");

        // 5. the agent resolves the ticket and closes the conversation
        Ticket resolved = agentTickets.transitionTicket(ticketId, new TicketTransitionRequest()
                .to(TicketTransitionRequest.ToEnum.CLOSED_RESOLVED).reason("Reset link sent."));
        assertEquals(Ticket.StatusEnum.CLOSED_RESOLVED, resolved.getStatus());
        assertNotNull(resolved.getClosedAt());
        Conversation closed = new ConversationsApi(agent).closeConversation(conversationId);
        assertEquals(Conversation.StatusEnum.CLOSED, closed.getStatus());
        assertNull(closed.getSessionId(), "staff never see the guest's key");
        Handoff handoff = new TicketsApi(admin).getConversationHandoff(conversationId);
        assertEquals(Handoff.StatusEnum.RESOLVED, handoff.getStatus());

        // 6. the guest rates the closed conversation
        Feedback feedback = sessions.giveSessionFeedback(session, new FeedbackRequest().rating(5).comment("Quick and friendly."));
        assertEquals(5, feedback.getRating());
        assertEquals(conversationId, feedback.getConversationId());

        // 7. the AI agent reports what it did for its answer: a batch of two spans, then an admin reads the tree
        UUID traceId = UUID.randomUUID();
        UUID root = UUID.randomUUID();
        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(2);
        TraceIngestResult ingested = new TracesApi(service).ingestTraces(new TraceBatch().spans(List.of(
                new SpanInput().id(root).traceId(traceId).conversationId(conversationId).messageId(first.getReply().getId())
                        .agentType("support-bot").operationType(SpanInput.OperationTypeEnum.LLM_CALL).name("answer")
                        .status(SpanInput.StatusEnum.OK).startedAt(started).endedAt(started.plusNanos(812_000_000))
                        .inputTokens(120).outputTokens(80).costUsd(new java.math.BigDecimal("0.0021")).model("gpt-4o-mini"),
                new SpanInput().id(UUID.randomUUID()).traceId(traceId).parentId(root).conversationId(conversationId)
                        .agentType("support-bot").operationType(SpanInput.OperationTypeEnum.RETRIEVAL).name("search articles")
                        .status(SpanInput.StatusEnum.OK).startedAt(started.plusNanos(10_000_000))
                        .endedAt(started.plusNanos(95_000_000)))));
        assertEquals(2, ingested.getAccepted());
        assertEquals(0, ingested.getDuplicates());
        Traces traces = new TracesApi(admin).getConversationTraces(conversationId);
        TraceTree tree = traces.getTrees().stream().filter(t -> t.getTraceId().equals(traceId)).findFirst().orElseThrow();
        assertEquals(2, tree.getTotals().getSpans());
        assertEquals(1, tree.getRoot().getChildren().size());

        // and an error reaches the client as the document's problem+json
        ApiException refused = assertThrows(ApiException.class, () -> new TicketsApi(guest).claimTicket());
        assertEquals(401, refused.getCode());
        Problem problem = guest.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertEquals(Problem.TypeEnum.URN_PARLEY_PROBLEM_UNAUTHORIZED, problem.getType());
    }

    /** A generated client for one caller: the token (if any) goes in the Authorization header of every request. */
    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(server.getURL().toString());
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }
}
