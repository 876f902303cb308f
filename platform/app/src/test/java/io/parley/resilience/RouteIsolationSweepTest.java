package io.parley.resilience;

import io.micronaut.http.HttpMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.parley.app.support.Fixtures;
import io.parley.testing.RetentionFixtures;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9, resilience 3: the isolation sweep, generated from the route table of the running
 * application. Every route must be classified in {@link RouteCatalog}; every route with an id or a
 * session in its path is called on one user's data as a second user, as a guest without a token and
 * with invalid tokens: 401, 403 or 404 only, nothing of the owner's data in the answer, nothing changed.
 * (The hand-written {@code conversation.web.IsolationSweepTest} stays: it goes deeper on the
 * conversation routes, e.g. that a hidden conversation answers byte for byte like a missing one.)
 */
@MicronautTest(transactional = false)
class RouteIsolationSweepTest extends WebTest {

    /** The data every test of this class reads is made once, before the first test. */
    private boolean prepared;

    @Inject
    Router router;
    RouteCatalog.World world;
    String alice;
    List<String> secrets;

    /** A caller that is not the owner: a name for messages and the token it sends (null for none). */
    record Stranger(String name, String token) {
    }

    @BeforeEach
    void world() {
        if (prepared) {
            return;
        }
        prepared = true;
        String subject = "alice-sweep";
        alice = TestTokens.user(subject);
        Fixtures.Conversation conversation = Fixtures.conversation(subject);
        UUID message = Fixtures.message(conversation.id(), "user", "alice's secret plan");
        RetentionFixtures.feedback(conversation.id(), 5, "alice's comment", Instant.now());
        UUID ticket = RetentionFixtures.ticket(conversation.id(), conversation.userId(), Instant.now());
        RetentionFixtures.handoff(ticket, conversation.id(), Instant.now());
        UUID trace = RetentionFixtures.trace(conversation.id(), message, Instant.now());
        TestHttp.Reply document = http.post("/api/v1/knowledge/documents", TestTokens.withRoles("ada-sweep", "admin"),
                "{\"title\":\"Public article\",\"content\":\"Anyone may read this.\"}");
        assertEquals(201, document.status(), document::toString);
        world = new RouteCatalog.World(conversation.id().toString(), conversation.sessionId(), message.toString(), ticket.toString(),
                (String) document.field("id"));
        String number = RetentionFixtures.text("SELECT number FROM ticketing.tickets WHERE id = ?", ticket);
        secrets = List.of(world.conversationId(), world.sessionId(), world.messageId(), world.ticketId(), trace.toString(),
                conversation.userId().toString(), number, "alice's secret", "alice's comment", "refund for order", "wants a refund");
    }

    /** Every route of the application as "METHOD template", HEAD and OPTIONS (derived by the framework) aside. */
    List<String> routeTable() {
        return router.uriRoutes()
                .filter(route -> route.getHttpMethod() != HttpMethod.HEAD && route.getHttpMethod() != HttpMethod.OPTIONS)
                .map(RouteIsolationSweepTest::key)
                .distinct().sorted().toList();
    }

    static String key(UriRouteInfo<?, ?> route) {
        return route.getHttpMethodName() + " " + route.getUriMatchTemplate().toString();
    }

    @Test
    void every_route_of_the_application_is_classified_in_the_catalog() {
        List<String> routes = routeTable();
        assertTrue(routes.size() >= 40, () -> "suspiciously few routes: " + routes);
        List<String> unclassified = routes.stream()
                .filter(route -> RouteCatalog.find(route.substring(0, route.indexOf(' ')), route.substring(route.indexOf(' ') + 1)).isEmpty())
                .toList();
        assertEquals(List.of(), unclassified, "classify these routes in RouteCatalog (who may call them, how to call them)");
    }

    @Test
    void nobody_but_the_owner_reaches_a_route_with_an_id_and_nothing_leaks_or_changes() {
        List<Stranger> strangers = List.of(
                new Stranger("a second user", TestTokens.user("bob-sweep")),
                new Stranger("a guest without a token", null),
                new Stranger("a garbage token", "not-a-jwt"),
                new Stranger("a token signed with another secret", TestTokens.signedWithAnotherSecret("alice-sweep")),
                new Stranger("an expired token of the owner", TestTokens.expired("alice-sweep")));
        String before = HostileInputCorpusTest.fingerprint();
        List<String> swept = new ArrayList<>();
        for (String route : routeTable()) {
            RouteCatalog.Entry entry = classified(route);
            if (!hasPathVariable(entry.template()) || entry.access() == RouteCatalog.Access.PUBLIC
                    || entry.access() == RouteCatalog.Access.TEST_FIXTURE) {
                continue;
            }
            RouteCatalog.Call call = entry.call().apply(world);
            for (Stranger stranger : strangers) {
                TestHttp.Reply reply = send(call, stranger.token());
                String what = route + " as " + stranger.name() + " -> " + reply;
                assertTrue(Set.of(401, 403, 404).contains(reply.status()), what);
                assertProblem(reply, reply.status());
                if (stranger.token() == null && entry.access() != RouteCatalog.Access.SESSION_HOLDER) {
                    assertEquals(401, reply.status(), what);
                }
                for (String secret : secrets) {
                    assertFalse(reply.body().contains(secret), () -> what + " leaks " + secret);
                }
                assertEquals(before, HostileInputCorpusTest.fingerprint(), () -> what + " changed the owner's data");
            }
            swept.add(route);
        }
        assertTrue(swept.size() >= 25, () -> "swept only " + swept);
    }

    @Test
    void the_owner_does_reach_every_read_route_with_an_id_so_the_sweep_proves_something() {
        for (String route : routeTable()) {
            RouteCatalog.Entry entry = classified(route);
            if (entry.access() == RouteCatalog.Access.OWNER && entry.method().equals("GET")) {
                TestHttp.Reply reply = send(entry.call().apply(world), alice);
                assertEquals(200, reply.status(), () -> route + " as the owner -> " + reply);
            }
        }
    }

    @Test
    void a_route_that_needs_a_token_refuses_callers_without_a_valid_one() {
        Set<String> open = new TreeSet<>();
        for (String route : routeTable()) {
            RouteCatalog.Entry entry = classified(route);
            if (entry.access() == RouteCatalog.Access.PUBLIC || entry.access() == RouteCatalog.Access.SESSION_HOLDER
                    || entry.access() == RouteCatalog.Access.GUEST_OR_USER || entry.access() == RouteCatalog.Access.TEST_FIXTURE) {
                open.add(route);
                continue;
            }
            RouteCatalog.Call call = entry.call().apply(world);
            for (String token : new String[]{null, "not-a-jwt", TestTokens.signedWithAnotherSecret("alice-sweep")}) {
                assertProblem(send(call, token), 401);
            }
        }
        assertFalse(open.isEmpty());
    }

    @Test
    void a_user_calling_a_route_of_another_role_is_refused() {
        String bob = TestTokens.user("bob-roles");
        for (String route : routeTable()) {
            RouteCatalog.Entry entry = classified(route);
            if (entry.access() == RouteCatalog.Access.ADMIN || entry.access() == RouteCatalog.Access.SERVICE
                    || (entry.access() == RouteCatalog.Access.AGENT && !hasPathVariable(entry.template()))) {
                TestHttp.Reply reply = send(entry.call().apply(world), bob);
                assertTrue(Set.of(403, 404).contains(reply.status()), () -> route + " as a user -> " + reply);
                assertProblem(reply, reply.status());
            }
        }
    }

    RouteCatalog.Entry classified(String route) {
        int space = route.indexOf(' ');
        return RouteCatalog.find(route.substring(0, space), route.substring(space + 1))
                .orElseThrow(() -> new AssertionError("unclassified route " + route + ": add it to RouteCatalog"));
    }

    static boolean hasPathVariable(String template) {
        return template.replaceAll("\\{\\?[^}]*}", "").contains("{");
    }

    TestHttp.Reply send(RouteCatalog.Call call, String token) {
        byte[] body = call.body() == null ? null : call.body().getBytes(StandardCharsets.UTF_8);
        return http.send(call.method(), call.path(), token, body == null ? null : "application/json", body, Map.of());
    }
}
