package io.parley.ticketing;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.Concurrently;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.testing.MutableClock;
import io.parley.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static io.parley.app.support.TestHttp.object;
import static io.parley.ticketing.EscalationWebTest.event;
import static io.parley.ticketing.EscalationWebTest.fields;
import static io.parley.ticketing.EscalationWebTest.withoutTimes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/api.md "Tickets and handoffs" for the agent side: the status machine over HTTP (every allowed and
 * every disallowed move), the queue and its concurrency, optimistic locking, listing, reading,
 * history, roles and isolation.
 */
@MicronautTest(transactional = false)
@Property(name = "parley.ticketing.handoff.dispatcher.enabled", value = "false")
@Property(name = "micronaut.server.port", value = "-1")
class TicketWorkflowWebTest extends WebTest {

    static final String OPEN = "OPEN_AI_HANDLING";
    static final String PENDING = "PENDING_HUMAN_ASSIGNMENT";
    static final String ACTIVE = "ACTIVE_HUMAN_CHAT";
    static final String RESOLVED = "CLOSED_RESOLVED";
    static final String BY_CLIENT = "CLOSED_BY_CLIENT";
    static final List<String> STATUSES = List.of(OPEN, PENDING, ACTIVE, RESOLVED, BY_CLIENT);

    /** docs/api.md's list of the only allowed moves, written out independently of the implementation. */
    static final Set<String> ALLOWED = Set.of(
            OPEN + ">" + PENDING,
            PENDING + ">" + ACTIVE,
            ACTIVE + ">" + PENDING,
            OPEN + ">" + RESOLVED,
            ACTIVE + ">" + RESOLVED,
            OPEN + ">" + BY_CLIENT,
            PENDING + ">" + BY_CLIENT,
            ACTIVE + ">" + BY_CLIENT);

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

    TicketingApi api;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @BeforeEach
    void client() {
        api = new TicketingApi(http);
    }

    // --- the status machine ----------------------------------------------------------------

    static Stream<Arguments> everyMove() {
        return STATUSES.stream().flatMap(from -> STATUSES.stream().map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyMove")
    void every_allowed_move_is_made_and_every_other_one_is_409(String from, String to) {
        String owner = "wf-move-" + UUID.randomUUID();
        String agentSub = "wf-mover";
        var ticket = ticketIn(from, owner);
        long versionBefore = version(ticket);
        int historyBefore = api.history(ticket.get("id"), TicketingApi.ADMIN).items().size();
        clock.advance(Duration.ofMinutes(1));
        String now = TicketingApi.rfc3339(clock.instant());

        var reply = api.transition(ticket.get("id"), TicketingApi.agent(agentSub), object("to", to, "reason", "because"));

        if (ALLOWED.contains(from + ">" + to)) {
            assertEquals(200, reply.status(), reply::toString);
            var moved = reply.map();
            assertEquals(to, moved.get("status"));
            assertEquals(versionBefore + 1, version(moved));
            assertEquals(now, moved.get("updated_at"));
            var history = api.history(ticket.get("id"), TicketingApi.ADMIN).items();
            assertEquals(historyBefore + 1, history.size());
            assertEquals(event(from, to, "agent:" + agentSub, "because"), withoutTimes(history).get(history.size() - 1));
            assertEquals(now, history.get(history.size() - 1).get("at"));
            if (to.equals(ACTIVE)) {
                assertEquals(Fixtures.user(agentSub).toString(), moved.get("assignee_id"), "the caller takes it");
                assertEquals(now, moved.get("assigned_at"));
            } else if (from.equals(ACTIVE) && to.equals(PENDING)) {
                assertNull(moved.get("assignee_id"), "released: back in the queue, nobody's");
                assertNull(moved.get("assigned_at"));
            } else {
                assertEquals(ticket.get("assignee_id"), moved.get("assignee_id"));
                assertEquals(ticket.get("assigned_at"), moved.get("assigned_at"));
            }
            assertEquals(to.startsWith("CLOSED") ? now : null, moved.get("closed_at"));
            if (from.equals(OPEN) && to.equals(PENDING)) {
                assertEquals("because", moved.get("escalation_reason"));
                assertEquals(200, api.handoffOf(UUID.fromString((String) ticket.get("conversation_id")), TicketingApi.ADMIN).status(),
                        "an escalation by an agent queues the handoff too");
            }
        } else {
            var problem = assertProblem(reply, 409);
            assertEquals(from, problem.get("current_status"));
            assertEquals(versionBefore, ((Number) problem.get("current_version")).longValue());
            assertEquals(ticket, api.get(ticket.get("id"), TicketingApi.ADMIN).map(), "nothing changed");
            assertEquals(historyBefore, api.history(ticket.get("id"), TicketingApi.ADMIN).items().size());
        }
    }

    @Test
    void the_whole_life_of_a_ticket_is_in_its_history_oldest_first() {
        var conversation = Fixtures.conversation("wf-life");
        var ticket = api.open(conversation.id(), TicketingApi.AI, object()).map();
        Object id = ticket.get("id");
        // the clock stands still: the order must not depend on timestamps
        assertEquals(201, api.escalate(conversation.id(), TestTokens.user("wf-life"), "need a human").status());
        assertEquals(200, api.transition(id, TicketingApi.agent("wf-life-a"), object("to", ACTIVE)).status());
        assertEquals(200, api.patch(id, TicketingApi.agent("wf-life-a"), object("priority", "high", "version", 2)).status());
        assertEquals(200, api.transition(id, TicketingApi.agent("wf-life-a"), object("to", PENDING, "reason", "end of shift")).status());
        assertEquals(200, api.transition(id, TicketingApi.ADMIN, object("to", ACTIVE, "assignee_id", Fixtures.user("wf-life-b").toString())).status());
        assertEquals(200, api.transition(id, TicketingApi.agent("wf-life-b"), object("to", RESOLVED, "reason", "refunded")).status());

        var history = api.history(id, TestTokens.user("wf-life"));

        assertEquals(200, history.status(), history::toString);
        assertEquals(List.of(
                event(null, OPEN, "service:assistant-backend", null),
                event(OPEN, PENDING, "user:wf-life", "need a human"),
                event(PENDING, ACTIVE, "agent:wf-life-a", null),
                event(ACTIVE, PENDING, "agent:wf-life-a", "end of shift"),
                event(PENDING, ACTIVE, "admin:root", null),
                event(ACTIVE, RESOLVED, "agent:wf-life-b", "refunded")), withoutTimes(history.items()));
        var closed = api.get(id, TicketingApi.ADMIN).map();
        assertEquals(Fixtures.user("wf-life-b").toString(), closed.get("assignee_id"));
        assertEquals(6, version(closed));
    }

    // --- the queue -------------------------------------------------------------------------

    @Test
    void claim_takes_the_oldest_of_the_highest_priority_and_then_answers_204() {
        TicketingApi.emptyTheQueue();
        assertEquals(204, api.claim(TicketingApi.agent("wf-claimer")).status(), "an empty queue");
        var normalOldest = waiting("normal");
        var highOlder = waiting("high");
        var urgent = waiting("urgent");
        var highNewer = waiting("high");
        var low = waiting("low");

        List<Object> claimed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var reply = api.claim(TicketingApi.agent("wf-claimer"));
            assertEquals(200, reply.status(), reply::toString);
            claimed.add(reply.field("id"));
        }

        assertEquals(List.of(urgent.get("id"), highOlder.get("id"), highNewer.get("id"), normalOldest.get("id"), low.get("id")), claimed);
        var empty = api.claim(TicketingApi.agent("wf-claimer"));
        assertEquals(204, empty.status());
        assertEquals("", empty.body());
    }

    @Test
    void a_claimed_ticket_is_the_agents_and_its_history_says_so() {
        TicketingApi.emptyTheQueue();
        var ticket = api.escalatedTicket("wf-claimed");
        clock.advance(Duration.ofSeconds(5));

        var reply = api.claim(TicketingApi.agent("wf-claim-agent"));

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(ticket.get("id"), reply.field("id"));
        assertEquals(ACTIVE, reply.field("status"));
        assertEquals(Fixtures.user("wf-claim-agent").toString(), reply.field("assignee_id"));
        assertEquals(TicketingApi.rfc3339(clock.instant()), reply.field("assigned_at"));
        assertEquals(version(ticket) + 1, version(reply.map()));
        var last = api.history(ticket.get("id"), TicketingApi.ADMIN).items().get(2);
        assertEquals(event(PENDING, ACTIVE, "agent:wf-claim-agent", "claimed from the queue"), withoutTimes(List.of(last)).get(0));
    }

    @Test
    void ten_agents_making_thirty_concurrent_claims_on_ten_tickets_get_each_ticket_once() {
        TicketingApi.emptyTheQueue();
        Set<Object> waiting = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            waiting.add(api.escalatedTicket("wf-rush-" + i).get("id"));
        }

        List<TestHttp.Reply> replies = Concurrently.run(30, i -> api.claim(TicketingApi.agent("wf-rush-agent-" + (i % 10))));

        List<TestHttp.Reply> won = replies.stream().filter(r -> r.status() == 200).toList();
        assertEquals(10, won.size(), replies::toString);
        assertEquals(20, replies.stream().filter(r -> r.status() == 204).count(), replies::toString);
        Set<Object> claimed = new HashSet<>();
        won.forEach(r -> assertTrue(claimed.add(r.field("id")), () -> "claimed twice: " + r));
        assertEquals(waiting, claimed);
        for (Object id : claimed) {
            assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM ticketing.ticket_events WHERE ticket_id = ?::uuid AND to_status = 'ACTIVE_HUMAN_CHAT'",
                    id.toString()), "one claim event per ticket");
        }
        for (TestHttp.Reply reply : won) {
            var stored = api.get(reply.field("id"), TicketingApi.ADMIN).map();
            assertEquals(reply.field("assignee_id"), stored.get("assignee_id"), "the stored assignee is the agent who got it");
        }
    }

    @Test
    void a_claimer_skips_a_ticket_another_claimer_holds_instead_of_waiting_for_it() throws Exception {
        TicketingApi.emptyTheQueue();
        clock.advance(Duration.ofMinutes(1));
        var older = api.escalatedTicket("wf-skip-1");
        clock.advance(Duration.ofMinutes(1));
        var newer = api.escalatedTicket("wf-skip-2");

        try (Connection other = TestDatabase.connect()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT id FROM ticketing.tickets WHERE id = ?::uuid FOR UPDATE")) {
                lock.setString(1, (String) older.get("id"));
                lock.executeQuery().close();
            }
            // without SKIP LOCKED the claim would wait for the other transaction for ever: the guard turns that into a failure
            var claimed = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> api.claim(TicketingApi.agent("wf-skipper")));
            assertEquals(newer.get("id"), claimed.field("id"), "the older ticket is held by another claimer");
            other.rollback();
        }
        assertEquals(older.get("id"), api.claim(TicketingApi.agent("wf-skipper")).field("id"));
    }

    @Test
    void only_staff_claim() {
        assertProblem(api.claim(TestTokens.user("wf-user")), 403);
        assertProblem(api.claim(TicketingApi.AI), 403);
        assertProblem(api.claim(null), 401);
    }

    // --- transitions: who and what ---------------------------------------------------------

    @Test
    void an_agent_may_assign_a_ticket_to_another_known_user() {
        var ticket = api.escalatedTicket("wf-assign");
        UUID colleague = Fixtures.user("wf-colleague");

        var reply = api.transition(ticket.get("id"), TicketingApi.agent("wf-lead"), object("to", ACTIVE, "assignee_id", colleague.toString()));

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(colleague.toString(), reply.field("assignee_id"));
    }

    @Test
    void transition_input_is_checked_before_anything_changes() {
        var ticket = api.escalatedTicket("wf-bad-move");
        Object id = ticket.get("id");
        String agent = TicketingApi.agent("wf-bad-mover");

        assertEquals(List.of("assignee_id"), fields(assertProblem(api.transition(id, agent, object("to", ACTIVE, "assignee_id", UUID.randomUUID().toString())), 422)));
        assertEquals(List.of("assignee_id"), fields(assertProblem(api.transition(id, agent, object("to", ACTIVE, "assignee_id", "bob")), 422)));
        assertEquals(List.of("assignee_id"), fields(assertProblem(api.transition(id, agent,
                object("to", BY_CLIENT, "assignee_id", Fixtures.user("wf-x").toString())), 422)));
        assertEquals(List.of("to"), fields(assertProblem(api.transition(id, agent, object("to", "REOPENED")), 422)));
        assertEquals(List.of("to"), fields(assertProblem(api.transition(id, agent, object("to", "active_human_chat")), 422)));
        assertEquals(List.of("to"), fields(assertProblem(api.transition(id, agent, object("reason", "no target")), 422)));
        assertEquals(List.of("to"), fields(assertProblem(api.transition(id, agent, null), 422)));
        assertEquals(List.of("reason"), fields(assertProblem(api.transition(id, agent, object("to", ACTIVE, "reason", "r".repeat(1001))), 422)));
        assertEquals(List.of("version"), fields(assertProblem(api.transition(id, agent, object("to", ACTIVE, "version", -1)), 422)));
        assertProblem(api.transition(id, agent, object("to", ACTIVE, "version", "one")), 400);
        assertProblem(api.transition(id, agent, "{\"to\": "), 400);
        assertProblem(api.transition("not-a-uuid", agent, object("to", ACTIVE)), 404);
        assertProblem(api.transition(UUID.randomUUID(), agent, object("to", ACTIVE)), 404);
        assertProblem(api.transition(id, null, object("to", ACTIVE)), 401);
        assertEquals(ticket, api.get(id, TicketingApi.ADMIN).map(), "nothing changed");
    }

    @Test
    void a_stale_version_is_409_with_the_current_version_and_the_current_one_passes() {
        var ticket = api.escalatedTicket("wf-stale");
        Object id = ticket.get("id");
        long current = version(ticket);

        var stale = assertProblem(api.transition(id, TicketingApi.agent("wf-stale-agent"), object("to", ACTIVE, "version", current - 1)), 409);

        assertEquals(current, ((Number) stale.get("current_version")).longValue());
        var fresh = api.transition(id, TicketingApi.agent("wf-stale-agent"), object("to", ACTIVE, "version", current));
        assertEquals(200, fresh.status(), fresh::toString);
        assertEquals(current + 1, version(fresh.map()));
    }

    @Test
    void a_customer_may_only_close_their_own_ticket() {
        var ticket = api.escalatedTicket("wf-customer");
        Object id = ticket.get("id");
        String owner = TestTokens.user("wf-customer");

        assertProblem(api.transition(id, owner, object("to", ACTIVE)), 403);
        assertProblem(api.transition(id, owner, object("to", RESOLVED)), 403);
        assertProblem(api.transition(id, TestTokens.user("wf-someone-else"), object("to", BY_CLIENT)), 404);

        var closed = api.transition(id, owner, object("to", BY_CLIENT, "reason", "solved it myself"));
        assertEquals(200, closed.status(), closed::toString);
        assertEquals(BY_CLIENT, closed.field("status"));
        assertEquals(event(PENDING, BY_CLIENT, "user:wf-customer", "solved it myself"),
                withoutTimes(api.history(id, owner).items()).get(2));
        assertProblem(api.transition(id, owner, object("to", BY_CLIENT)), 409);
    }

    @Test
    void the_AI_service_moves_only_tickets_it_still_handles() {
        var mine = api.aiTicket("wf-ai-owner");
        var resolved = api.transition(mine.get("id"), TicketingApi.AI, object("to", RESOLVED, "reason", "answered from the knowledge base"));
        assertEquals(200, resolved.status(), resolved::toString);
        assertEquals(RESOLVED, resolved.field("status"));

        var humans = api.escalatedTicket("wf-ai-owner-2");
        assertProblem(api.transition(humans.get("id"), TicketingApi.AI, object("to", BY_CLIENT)), 403);
    }

    // --- PATCH -----------------------------------------------------------------------------

    @Test
    void patch_changes_fields_under_the_version_the_client_read() {
        var ticket = api.escalatedTicket("wf-patch");
        Object id = ticket.get("id");
        clock.advance(Duration.ofMinutes(3));

        var patched = api.patch(id, TicketingApi.agent("wf-patcher"),
                object("priority", "urgent", "description", "VIP customer", "metadata", Map.of("crm", "A-17"), "version", version(ticket)));

        assertEquals(200, patched.status(), patched::toString);
        assertEquals("urgent", patched.field("priority"));
        assertEquals("VIP customer", patched.field("description"));
        assertEquals(Map.of("crm", "A-17"), patched.field("metadata"));
        assertEquals(version(ticket) + 1, version(patched.map()));
        assertEquals(TicketingApi.rfc3339(clock.instant()), patched.field("updated_at"));
        assertEquals(PENDING, patched.field("status"));
        assertEquals(2, api.history(id, TicketingApi.ADMIN).items().size(), "an edit is not a status change");

        var cleared = api.patch(id, TicketingApi.ADMIN, object("description", "", "version", version(patched.map())));
        assertEquals(200, cleared.status(), cleared::toString);
        assertNull(cleared.field("description"));
        assertEquals("urgent", cleared.field("priority"), "absent fields stay");
        assertEquals(Map.of("crm", "A-17"), cleared.field("metadata"));

        var stale = assertProblem(api.patch(id, TicketingApi.agent("wf-patcher"), object("priority", "low", "version", version(ticket))), 409);
        assertEquals(version(cleared.map()), ((Number) stale.get("current_version")).longValue());
        assertEquals("urgent", api.get(id, TicketingApi.ADMIN).field("priority"));
    }

    @Test
    void of_concurrent_patches_made_from_the_same_version_exactly_one_wins() {
        var ticket = api.escalatedTicket("wf-patch-race");
        long read = version(ticket);

        List<TestHttp.Reply> replies = Concurrently.run(5, i -> api.patch(ticket.get("id"), TicketingApi.agent("wf-racer-" + i),
                object("description", "edit " + i, "version", read)));

        assertEquals(1, replies.stream().filter(r -> r.status() == 200).count(), replies::toString);
        assertEquals(4, replies.stream().filter(r -> r.status() == 409).count(), replies::toString);
        assertEquals(read + 1, version(api.get(ticket.get("id"), TicketingApi.ADMIN).map()));
    }

    @Test
    void patch_input_roles_and_closed_tickets() {
        var ticket = api.escalatedTicket("wf-patch-bad");
        Object id = ticket.get("id");
        String agent = TicketingApi.agent("wf-patch-bad-agent");
        long v = version(ticket);

        assertEquals(List.of("version"), fields(assertProblem(api.patch(id, agent, object("priority", "high")), 422)));
        assertEquals(List.of("priority"), fields(assertProblem(api.patch(id, agent, object("priority", "asap", "version", v)), 422)));
        assertEquals(List.of("body"), fields(assertProblem(api.patch(id, agent, object("version", v)), 422)));
        assertEquals(List.of("description"), fields(assertProblem(api.patch(id, agent, object("description", "d".repeat(5001), "version", v)), 422)));
        assertEquals(List.of("metadata"), fields(assertProblem(api.patch(id, agent, object("metadata", Map.of("k", "\u0000"), "version", v)), 422)));
        assertProblem(api.patch(id, agent, object("metadata", List.of("no"), "version", v)), 400);
        assertProblem(api.patch(id, agent, "{\"version\": 1,"), 400);
        assertProblem(api.patch(id, TestTokens.user("wf-patch-bad"), object("priority", "high", "version", v)), 403);
        assertProblem(api.patch(id, null, object("priority", "high", "version", v)), 401);
        assertProblem(api.patch("nope", agent, object("priority", "high", "version", v)), 404);
        assertProblem(api.patch(UUID.randomUUID(), agent, object("priority", "high", "version", v)), 404);
        assertEquals(ticket, api.get(id, TicketingApi.ADMIN).map(), "nothing changed");

        var closed = api.transition(id, agent, object("to", BY_CLIENT)).map();
        var refused = assertProblem(api.patch(id, agent, object("priority", "high", "version", version(closed))), 409);
        assertEquals(BY_CLIENT, refused.get("current_status"));
    }

    // --- listing and reading ---------------------------------------------------------------

    @Test
    void an_agents_tickets_come_newest_first_in_pages_without_duplicates_or_gaps() {
        String agentSub = "wf-lister-" + UUID.randomUUID();
        String agent = TicketingApi.agent(agentSub);
        List<Object> assigned = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var ticket = api.escalatedTicket("wf-list-owner-" + i);
            assertEquals(200, api.transition(ticket.get("id"), agent, object("to", ACTIVE)).status());
            assigned.add(0, ticket.get("id"));
            clock.advance(Duration.ofSeconds(1));
        }
        String me = Fixtures.user(agentSub).toString();

        var first = api.list("assignee_id=" + me + "&limit=2", agent);
        assertEquals(200, first.status(), first::toString);
        assertEquals(assigned.subList(0, 2), ids(first));
        assertNotNull(first.field("next_cursor"));

        // a newer ticket arriving between pages does not shift the next page
        var newcomer = api.escalatedTicket("wf-list-owner-late");
        api.transition(newcomer.get("id"), agent, object("to", ACTIVE));

        var second = api.list("assignee_id=" + me + "&limit=2&cursor=" + first.field("next_cursor"), agent);
        assertEquals(assigned.subList(2, 4), ids(second));
        var third = api.list("assignee_id=me&limit=2&cursor=" + second.field("next_cursor"), agent);
        assertEquals(assigned.subList(4, 5), ids(third));
        assertTrue(third.map().containsKey("next_cursor"));
        assertNull(third.field("next_cursor"));

        var all = api.list("assignee_id=me", agent);
        assertEquals(newcomer.get("id"), ids(all).get(0));
        assertEquals(6, all.items().size());
        assertEquals(all.items(), api.list("assignee_id=" + me + "&status=" + ACTIVE, TicketingApi.ADMIN).items());
        assertEquals(List.of(), api.list("assignee_id=" + me + "&status=" + PENDING, agent).items());
    }

    @Test
    void the_status_filter_takes_one_or_more_statuses_and_everything_is_newest_first() {
        api.aiTicket("wf-filter-1");
        api.escalatedTicket("wf-filter-2");

        var pending = api.list("status=" + PENDING + "&limit=200", TicketingApi.agent("wf-filter"));
        assertEquals(200, pending.status(), pending::toString);
        assertTrue(pending.items().stream().allMatch(t -> PENDING.equals(t.get("status"))), pending::toString);
        assertTrue(!pending.items().isEmpty());
        var both = api.list("status=" + OPEN + "," + PENDING + "&limit=200", TicketingApi.agent("wf-filter"));
        assertTrue(both.items().stream().allMatch(t -> Set.of(OPEN, PENDING).contains(t.get("status"))));
        assertTrue(both.items().stream().anyMatch(t -> OPEN.equals(t.get("status"))));

        var everything = api.list("limit=200", TicketingApi.ADMIN).items();
        var sorted = new ArrayList<>(everything);
        sorted.sort(Comparator.comparing((Map<String, Object> t) -> (String) t.get("opened_at")).reversed());
        assertEquals(sorted.stream().map(t -> t.get("opened_at")).toList(), everything.stream().map(t -> t.get("opened_at")).toList());
    }

    @Test
    void listing_is_for_agents_and_admins_and_checks_its_parameters() {
        String agent = TicketingApi.agent("wf-list-bad");
        assertProblem(api.list("", TestTokens.user("wf-list-user")), 403);
        assertProblem(api.list("", TicketingApi.AI), 403);
        assertProblem(api.list("", null), 401);
        assertEquals(List.of("status"), fields(assertProblem(api.list("status=OPEN", agent), 422)));
        assertEquals(List.of("status"), fields(assertProblem(api.list("status=" + PENDING + ",nope", agent), 422)));
        assertEquals(List.of("assignee_id"), fields(assertProblem(api.list("assignee_id=bob", agent), 422)));
        assertEquals(List.of("limit"), fields(assertProblem(api.list("limit=0", agent), 422)));
        assertEquals(List.of("limit"), fields(assertProblem(api.list("limit=201", agent), 422)));
        assertEquals(List.of("limit"), fields(assertProblem(api.list("limit=ten", agent), 422)));
        assertEquals(List.of("cursor"), fields(assertProblem(api.list("cursor=garbage", agent), 422)));
        assertEquals(List.of("cursor"), fields(assertProblem(api.list("cursor=" + io.parley.kernel.Cursor.of("x").encode(), agent), 422)));
    }

    @Test
    void a_ticket_is_read_by_staff_the_AI_and_its_customer_only() {
        var ticket = api.escalatedTicket("wf-read");
        Object id = ticket.get("id");
        for (String token : List.of(TicketingApi.agent("wf-reader"), TicketingApi.ADMIN, TicketingApi.AI, TestTokens.user("wf-read"))) {
            var reply = api.get(id, token);
            assertEquals(200, reply.status(), reply::toString);
            assertEquals(ticket, reply.map());
            assertEquals(200, api.history(id, token).status());
        }
        var stranger = assertProblem(api.get(id, TestTokens.user("wf-read-stranger")), 404);
        assertEquals(assertProblem(api.get(UUID.randomUUID(), TestTokens.user("wf-read-stranger")), 404).get("detail"), stranger.get("detail"));
        assertProblem(api.history(id, TestTokens.user("wf-read-stranger")), 404);
        assertProblem(api.get("1234", TicketingApi.ADMIN), 404);
        assertProblem(api.history("1234", TicketingApi.ADMIN), 404);
        assertProblem(api.history(UUID.randomUUID(), TicketingApi.ADMIN), 404);
        assertProblem(api.get(id, null), 401);
    }

    // --- helpers ---------------------------------------------------------------------------

    /** A ticket brought into {@code status} through the API, the way clients do it. */
    private Map<String, Object> ticketIn(String status, String owner) {
        String agent = TicketingApi.agent("wf-setup-agent");
        Map<String, Object> ticket = switch (status) {
            case OPEN, RESOLVED -> api.aiTicket(owner);
            default -> api.escalatedTicket(owner);
        };
        Object id = ticket.get("id");
        TestHttp.Reply reply = switch (status) {
            case ACTIVE -> api.move(id, agent, ACTIVE);
            case RESOLVED -> api.move(id, agent, RESOLVED);
            case BY_CLIENT -> api.move(id, TestTokens.user(owner), BY_CLIENT);
            default -> null;
        };
        if (reply != null) {
            assertEquals(200, reply.status(), reply::toString);
            ticket = reply.map();
        }
        assertEquals(status, ticket.get("status"));
        return ticket;
    }

    /** An escalated ticket of the given priority, opened one minute after the previous one. */
    private Map<String, Object> waiting(String priority) {
        clock.advance(Duration.ofMinutes(1));
        var ticket = api.escalatedTicket("wf-queue-" + UUID.randomUUID());
        var patched = api.patch(ticket.get("id"), TicketingApi.ADMIN, object("priority", priority, "version", version(ticket)));
        assertEquals(200, patched.status(), patched::toString);
        return patched.map();
    }

    static long version(Map<String, Object> ticket) {
        return ((Number) ticket.get("version")).longValue();
    }

    static List<Object> ids(TestHttp.Reply page) {
        return page.items().stream().map(t -> t.get("id")).toList();
    }
}
