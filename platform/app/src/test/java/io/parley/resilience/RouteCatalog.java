package io.parley.resilience;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every route of the running application, classified: who may call it and how to build a valid call
 * for it from a {@link World}. {@link RouteIsolationSweepTest} fails on a route that is not listed here,
 * so a new endpoint is classified (one line) before it ships.
 */
final class RouteCatalog {

    /** Who may call a route. */
    enum Access {
        /** Anyone, token or not (health, docs, knowledge reads): nothing of anyone's to protect. */
        PUBLIC,
        /** Guests and users; no id in the path (the chat front door). */
        GUEST_OR_USER,
        /** The holder of a guest conversation's session id, nobody else; a user's conversation is never opened by its session id. */
        SESSION_HOLDER,
        /** The owning user, an agent when the conversation has a ticket, an admin, the service where docs/api.md says so. */
        OWNER,
        /** Any authenticated caller, about their own data (their list, their erasure). */
        AUTHENTICATED_SELF,
        /** Agents and admins (the ticket queue); the ticket's own customer for reading and closing it. */
        AGENT,
        /** Admins only. */
        ADMIN,
        /** The AI agent backend only. */
        SERVICE,
        /** Routes of test fixtures (the {@code test} environment's probe controller): not part of the product. */
        TEST_FIXTURE
    }

    /** A valid request for a route: path (with query) and JSON body, or null for none. */
    record Call(String method, String path, String body) {
    }

    record Entry(String method, String template, Access access, Function<World, Call> call) {

        String key() {
            return method + " " + template;
        }
    }

    /** The fixtures the calls are built from: one user's conversation with everything hanging off it. */
    record World(String conversationId, String sessionId, String messageId, String ticketId, String documentId) {
    }

    static final List<Entry> ENTRIES = List.of(
            // conversations and messages (conversation module)
            entry("POST", "/api/v1/conversations", Access.AUTHENTICATED_SELF, w -> "{\"channel\":\"web\"}", "/api/v1/conversations"),
            entry("GET", "/api/v1/conversations", Access.AUTHENTICATED_SELF, w -> null, "/api/v1/conversations"),
            entry("GET", "/api/v1/conversations/{id}", Access.OWNER, w -> null, "/api/v1/conversations/{conv}"),
            entry("PATCH", "/api/v1/conversations/{id}", Access.OWNER, w -> "{\"summary\":\"hijacked\"}", "/api/v1/conversations/{conv}"),
            entry("DELETE", "/api/v1/conversations/{id}", Access.OWNER, w -> null, "/api/v1/conversations/{conv}"),
            entry("POST", "/api/v1/conversations/{id}/close", Access.OWNER, w -> null, "/api/v1/conversations/{conv}/close"),
            entry("POST", "/api/v1/conversations/{id}/messages", Access.OWNER, w -> "{\"role\":\"user\",\"content\":\"injected\"}",
                    "/api/v1/conversations/{conv}/messages"),
            entry("GET", "/api/v1/conversations/{id}/messages", Access.OWNER, w -> null, "/api/v1/conversations/{conv}/messages"),
            entry("GET", "/api/v1/conversations/{id}/events", Access.OWNER, w -> null, "/api/v1/conversations/{conv}/events"),
            entry("GET", "/api/v1/conversations/{id}/transcript", Access.OWNER, w -> null, "/api/v1/conversations/{conv}/transcript?format=json"),
            entry("PUT", "/api/v1/conversations/{id}/feedback", Access.OWNER, w -> "{\"rating\":0,\"comment\":\"sabotage\"}",
                    "/api/v1/conversations/{conv}/feedback"),
            entry("GET", "/api/v1/sessions/{session_id}", Access.SESSION_HOLDER, w -> null, "/api/v1/sessions/{session}"),
            entry("GET", "/api/v1/sessions/{session_id}/messages", Access.SESSION_HOLDER, w -> null, "/api/v1/sessions/{session}/messages"),
            entry("POST", "/api/v1/sessions/{session_id}/messages", Access.SESSION_HOLDER, w -> "{\"role\":\"user\",\"content\":\"injected\"}",
                    "/api/v1/sessions/{session}/messages"),
            entry("GET", "/api/v1/sessions/{session_id}/events", Access.SESSION_HOLDER, w -> null, "/api/v1/sessions/{session}/events"),
            entry("GET", "/api/v1/sessions/{session_id}/transcript", Access.SESSION_HOLDER, w -> null, "/api/v1/sessions/{session}/transcript"),
            entry("PUT", "/api/v1/sessions/{session_id}/feedback", Access.SESSION_HOLDER, w -> "{\"rating\":0}", "/api/v1/sessions/{session}/feedback"),
            entry("DELETE", "/api/v1/users/me", Access.AUTHENTICATED_SELF, w -> null, "/api/v1/users/me"),
            entry("GET", "/api/v1/admin/feedback/stats", Access.ADMIN, w -> null, "/api/v1/admin/feedback/stats"),
            // the assistant's front door (being added on its own branch): guests and users, no id in the path
            entry("POST", "/api/v1/chat", Access.GUEST_OR_USER, w -> "{\"message\":\"hello\"}", "/api/v1/chat"),
            // knowledge base
            entry("POST", "/api/v1/knowledge/documents", Access.ADMIN, w -> "{\"title\":\"t\",\"content\":\"c\"}", "/api/v1/knowledge/documents"),
            entry("GET", "/api/v1/knowledge/documents{?limit,cursor}", Access.PUBLIC, w -> null, "/api/v1/knowledge/documents"),
            entry("GET", "/api/v1/knowledge/documents/{id}", Access.PUBLIC, w -> null, "/api/v1/knowledge/documents/{doc}"),
            entry("PUT", "/api/v1/knowledge/documents/{id}", Access.ADMIN, w -> "{\"title\":\"hijacked\",\"content\":\"c\"}",
                    "/api/v1/knowledge/documents/{doc}"),
            entry("DELETE", "/api/v1/knowledge/documents/{id}", Access.ADMIN, w -> null, "/api/v1/knowledge/documents/{doc}"),
            entry("GET", "/api/v1/knowledge/search{?q,limit,locale}", Access.PUBLIC, w -> null, "/api/v1/knowledge/search?q=refund"),
            // tickets and handoffs (ticketing module)
            entry("POST", "/api/v1/conversations/{id}/escalate", Access.OWNER, w -> "{\"reason\":\"hijack\"}", "/api/v1/conversations/{conv}/escalate"),
            entry("POST", "/api/v1/conversations/{id}/ticket", Access.SERVICE, w -> "{\"description\":\"hijack\"}", "/api/v1/conversations/{conv}/ticket"),
            entry("GET", "/api/v1/conversations/{id}/ticket", Access.OWNER, w -> null, "/api/v1/conversations/{conv}/ticket"),
            entry("GET", "/api/v1/conversations/{id}/handoff", Access.OWNER, w -> null, "/api/v1/conversations/{conv}/handoff"),
            entry("POST", "/api/v1/sessions/{session_id}/escalate", Access.SESSION_HOLDER, w -> "{\"reason\":\"hijack\"}",
                    "/api/v1/sessions/{session}/escalate"),
            entry("GET", "/api/v1/sessions/{session_id}/ticket", Access.SESSION_HOLDER, w -> null, "/api/v1/sessions/{session}/ticket"),
            entry("GET", "/api/v1/sessions/{session_id}/handoff", Access.SESSION_HOLDER, w -> null, "/api/v1/sessions/{session}/handoff"),
            entry("POST", "/api/v1/sessions/{session_id}/ticket/transitions", Access.SESSION_HOLDER, w -> "{\"to\":\"CLOSED_BY_CLIENT\"}",
                    "/api/v1/sessions/{session}/ticket/transitions"),
            entry("GET", "/api/v1/tickets", Access.AGENT, w -> null, "/api/v1/tickets"),
            entry("POST", "/api/v1/tickets/claim", Access.AGENT, w -> null, "/api/v1/tickets/claim"),
            entry("GET", "/api/v1/tickets/events", Access.AGENT, w -> null, "/api/v1/tickets/events"),
            entry("GET", "/api/v1/tickets/{id}", Access.AGENT, w -> null, "/api/v1/tickets/{ticket}"),
            entry("PATCH", "/api/v1/tickets/{id}", Access.AGENT, w -> "{\"priority\":\"low\",\"version\":0}", "/api/v1/tickets/{ticket}"),
            entry("POST", "/api/v1/tickets/{id}/transitions", Access.AGENT, w -> "{\"to\":\"CLOSED_BY_CLIENT\"}", "/api/v1/tickets/{ticket}/transitions"),
            entry("GET", "/api/v1/tickets/{id}/history", Access.AGENT, w -> null, "/api/v1/tickets/{ticket}/history"),
            // agent traces and the request log (tracing module)
            entry("POST", "/api/v1/traces", Access.SERVICE, w -> "{\"spans\":[]}", "/api/v1/traces"),
            entry("GET", "/api/v1/conversations/{id}/traces", Access.OWNER, w -> null, "/api/v1/conversations/{conv}/traces"),
            entry("GET", "/api/v1/messages/{id}/traces", Access.OWNER, w -> null, "/api/v1/messages/{message}/traces"),
            entry("GET", "/api/v1/admin/api-requests/stats", Access.ADMIN, w -> null, "/api/v1/admin/api-requests/stats"),
            // operations (platform/app)
            entry("POST", "/api/v1/admin/retention/run", Access.ADMIN, w -> null, "/api/v1/admin/retention/run?dry_run=true"),
            entry("GET", "/openapi.yml", Access.PUBLIC, w -> null, "/openapi.yml"),
            entry("GET", "/health", Access.PUBLIC, w -> null, "/health"),
            entry("GET", "/health/{selector}", Access.PUBLIC, w -> null, "/health/liveness"),
            entry("GET", "/prometheus", Access.PUBLIC, w -> null, "/prometheus"),
            // Micronaut Security's token introspection: the caller's own claims (or those of a token the caller holds)
            entry("GET", "/token_info", Access.AUTHENTICATED_SELF, w -> null, "/token_info"),
            entry("POST", "/token_info", Access.AUTHENTICATED_SELF, w -> null, "/token_info"),
            // io.parley.app.web.ProbeController, only in the test environment
            entry("GET", "/test-probe/admin-only", Access.TEST_FIXTURE, w -> null, "/test-probe/admin-only"),
            entry("GET", "/test-probe/fail/{kind}", Access.TEST_FIXTURE, w -> null, "/test-probe/fail/none"),
            entry("GET", "/test-probe/whoami", Access.TEST_FIXTURE, w -> null, "/test-probe/whoami"),
            entry("POST", "/test-probe/echo", Access.TEST_FIXTURE, w -> null, "/test-probe/echo"));

    private RouteCatalog() {
    }

    static Optional<Entry> find(String method, String template) {
        return ENTRIES.stream().filter(e -> e.method().equals(method) && e.template().equals(template)).findFirst();
    }

    private static Entry entry(String method, String template, Access access, Function<World, String> body, String path) {
        return new Entry(method, template, access, w -> new Call(method, path.replace("{conv}", w.conversationId())
                .replace("{session}", w.sessionId()).replace("{message}", w.messageId()).replace("{ticket}", w.ticketId())
                .replace("{doc}", w.documentId()), body.apply(w)));
    }
}
