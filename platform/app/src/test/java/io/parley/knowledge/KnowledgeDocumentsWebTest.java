package io.parley.knowledge;

import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestHttp.Reply;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static io.parley.app.support.TestHttp.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/api.md "Knowledge base", the documents: admins write, everyone (guests too) reads; content limits
 * are 422, malformed JSON 400, a malformed or unknown id 404; lists are newest first with a cursor.
 * The knowledge table is emptied before each test (only these tests and the assistant's write it).
 */
@MicronautTest
class KnowledgeDocumentsWebTest extends WebTest {

    private static final String DOCUMENTS = "/api/v1/knowledge/documents";
    private static final String ADMIN = TestTokens.withRoles("root", "admin");

    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    private final MutableClock clock = new MutableClock(START);


    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @BeforeEach
    void emptyKnowledgeBase() {
        clock.set(START);
        Fixtures.execute("DELETE FROM conversation.knowledge_documents");
    }

    private static Map<String, Object> article(String title) {
        return object("title", title, "content", "How refunds work.\n\nThey take 5 to 10 business days.",
                "source_url", "https://help.example.com/refunds", "tags", List.of("billing.refund", "billing"),
                "metadata", object("category", "billing", "rank", 3, "nested", object("ok", true)));
    }

    private String create(Map<String, Object> body) {
        Reply reply = http.post(DOCUMENTS, ADMIN, body);
        assertEquals(201, reply.status(), reply::toString);
        return (String) reply.field("id");
    }

    @Test
    void an_admin_creates_a_document_and_gets_it_back_whole() {
        Reply created = http.post(DOCUMENTS, ADMIN, article("Refunds"));

        assertEquals(201, created.status(), created::toString);
        Map<String, Object> body = created.map();
        String id = (String) body.get("id");
        assertEquals(DOCUMENTS + "/" + id, created.header("Location"));
        assertEquals("Refunds", body.get("title"));
        assertEquals("How refunds work.\n\nThey take 5 to 10 business days.", body.get("content"));
        assertEquals("https://help.example.com/refunds", body.get("source_url"));
        assertEquals(List.of("billing.refund", "billing"), body.get("tags"));
        assertEquals(object("category", "billing", "rank", 3, "nested", object("ok", true)), body.get("metadata"));
        assertEquals("english", body.get("language"));
        assertEquals("2026-11-23T10:00:00Z", Instant.parse((String) body.get("created_at")).toString());
        assertEquals(body.get("created_at"), body.get("updated_at"));

        Reply read = http.get(DOCUMENTS + "/" + id, null);
        assertEquals(200, read.status(), read::toString);
        assertEquals(body, read.map());
    }

    @Test
    void optional_members_default_and_are_always_present() {
        Reply created = http.post(DOCUMENTS, ADMIN, object("title", "Bare", "content", "Just text."));
        assertEquals(201, created.status(), created::toString);
        Map<String, Object> body = created.map();
        assertTrue(body.containsKey("source_url"));
        assertNull(body.get("source_url"));
        assertEquals(List.of(), body.get("tags"));
        assertEquals(Map.of(), body.get("metadata"));
        assertEquals("english", body.get("language"));
    }

    @Test
    void a_supported_language_is_kept_and_an_unknown_one_is_422() {
        Reply german = http.post(DOCUMENTS, ADMIN, object("title", "Rückerstattung", "content", "So funktioniert es.", "language", "german"));
        assertEquals("german", german.field("language"), german::toString);
        Map<String, Object> problem = assertProblem(http.post(DOCUMENTS, ADMIN, object("title", "t", "content", "c", "language", "klingon")), 422);
        assertEquals("language", ((List<Map<String, Object>>) problem.get("errors")).get(0).get("field"));
    }

    @Test
    void replacing_rewrites_everything_but_the_id_and_creation_time() {
        String id = create(article("Refunds"));
        clock.advance(Duration.ofMinutes(5));

        Reply replaced = http.put(DOCUMENTS + "/" + id, ADMIN, object("title", "Refunds, revised", "content", "New text.", "tags", List.of("billing")));

        assertEquals(200, replaced.status(), replaced::toString);
        Map<String, Object> body = replaced.map();
        assertEquals(id, body.get("id"));
        assertEquals("Refunds, revised", body.get("title"));
        assertNull(body.get("source_url"), "a replacement replaces: absent members are cleared");
        assertEquals(Map.of(), body.get("metadata"));
        assertEquals("2026-11-23T10:00:00Z", Instant.parse((String) body.get("created_at")).toString());
        assertEquals("2026-11-23T10:05:00Z", Instant.parse((String) body.get("updated_at")).toString());
        assertEquals(body, http.get(DOCUMENTS + "/" + id, null).map());
    }

    @Test
    void deleting_removes_the_document() {
        String id = create(article("Refunds"));
        Reply deleted = http.delete(DOCUMENTS + "/" + id, ADMIN);
        assertEquals(204, deleted.status(), deleted::toString);
        assertProblem(http.get(DOCUMENTS + "/" + id, null), 404);
        assertProblem(http.delete(DOCUMENTS + "/" + id, ADMIN), 404);
    }

    @Test
    void writes_without_a_token_are_401() {
        String id = create(article("Refunds"));
        assertProblem(http.post(DOCUMENTS, null, article("x")), 401);
        assertProblem(http.put(DOCUMENTS + "/" + id, null, article("x")), 401);
        assertProblem(http.delete(DOCUMENTS + "/" + id, null), 401);
    }

    @Test
    void writes_by_anyone_but_an_admin_are_403_and_change_nothing() {
        String id = create(article("Refunds"));
        for (String token : List.of(TestTokens.user("alice"), TestTokens.withRoles("ann", "agent"), TestTokens.withRoles("bot", "service"))) {
            assertProblem(http.post(DOCUMENTS, token, article("Sneaky")), 403);
            assertProblem(http.put(DOCUMENTS + "/" + id, token, article("Sneaky")), 403);
            assertProblem(http.delete(DOCUMENTS + "/" + id, token), 403);
        }
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM conversation.knowledge_documents"));
        assertEquals("Refunds", http.get(DOCUMENTS + "/" + id, null).field("title"));
    }

    @Test
    void everyone_reads_guests_included_but_a_bad_token_is_still_401() {
        String id = create(article("Refunds"));
        for (String token : new String[]{null, TestTokens.user("alice"), TestTokens.withRoles("ann", "agent")}) {
            assertEquals(200, http.get(DOCUMENTS + "/" + id, token).status());
            assertEquals(200, http.get(DOCUMENTS, token).status());
            assertEquals(200, http.get("/api/v1/knowledge/search?q=refund", token).status());
        }
        assertProblem(http.get(DOCUMENTS + "/" + id, TestTokens.expired("alice")), 401);
    }

    @Test
    void a_malformed_or_unknown_id_is_404_on_every_route() {
        for (String id : List.of("not-a-uuid", "42", UUID.randomUUID().toString())) {
            assertProblem(http.get(DOCUMENTS + "/" + id, null), 404);
            assertProblem(http.put(DOCUMENTS + "/" + id, ADMIN, article("x")), 404);
            assertProblem(http.delete(DOCUMENTS + "/" + id, ADMIN), 404);
        }
    }

    @Test
    void malformed_json_and_wrong_types_are_400_and_write_nothing() {
        assertProblem(http.post(DOCUMENTS, ADMIN, "{\"title\": \"unclosed"), 400);
        assertProblem(http.post(DOCUMENTS, ADMIN, "[1, 2]"), 400);
        assertProblem(http.post(DOCUMENTS, ADMIN, "{\"title\":\"t\",\"content\":\"c\",\"metadata\":[1,2]}"), 400);
        assertProblem(http.post(DOCUMENTS, ADMIN, "{\"title\":\"t\",\"content\":\"c\",\"tags\":{\"a\":1}}"), 400);
        assertProblem(http.post(DOCUMENTS, ADMIN, "{\"title\":\"t\",\"content\":\"c\",\"metadata\":\"text\"}"), 400);
        assertEquals(0, Fixtures.queryLong("SELECT count(*) FROM conversation.knowledge_documents"));
    }

    @Test
    void unknown_members_are_ignored() {
        Reply created = http.post(DOCUMENTS, ADMIN, "{\"title\":\"t\",\"content\":\"c\",\"author\":\"someone\",\"id\":\"x\",\"created_at\":1}");
        assertEquals(201, created.status(), created::toString);
        assertTrue(((String) created.field("id")).length() == 36);
    }

    @Test
    @SuppressWarnings("unchecked")
    void each_content_limit_is_a_422_naming_its_field() {
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("title", "{\"content\":\"c\"}");
        bodies.put("title ", "{\"title\":\"\",\"content\":\"c\"}");
        bodies.put("title  ", "{\"title\":\"" + "t".repeat(301) + "\",\"content\":\"c\"}");
        bodies.put("title   ", "{\"title\":\"nul\\u0000\",\"content\":\"c\"}");
        bodies.put("content", "{\"title\":\"t\"}");
        bodies.put("content ", "{\"title\":\"t\",\"content\":\"" + "c".repeat(100_001) + "\"}");
        bodies.put("content  ", "{\"title\":\"t\",\"content\":\"lone \\ud800 surrogate\"}");
        bodies.put("source_url", "{\"title\":\"t\",\"content\":\"c\",\"source_url\":\"ftp://files.example.com/a\"}");
        bodies.put("source_url ", "{\"title\":\"t\",\"content\":\"c\",\"source_url\":\"https://x.example/" + "a".repeat(2040) + "\"}");
        bodies.put("tags", "{\"title\":\"t\",\"content\":\"c\",\"tags\":" + json(Collections.nCopies(51, "x")) + "}");
        bodies.put("tags[0]", "{\"title\":\"t\",\"content\":\"c\",\"tags\":[\"" + "x".repeat(51) + "\"]}");
        bodies.put("tags[1]", "{\"title\":\"t\",\"content\":\"c\",\"tags\":[\"ok\",\"\"]}");
        bodies.put("metadata", "{\"title\":\"t\",\"content\":\"c\",\"metadata\":{\"k\":\"" + "v".repeat(16 * 1024) + "\"}}");
        bodies.put("metadata ", "{\"title\":\"t\",\"content\":\"c\",\"metadata\":{\"k\":[\"nul\\u0000\"]}}");
        bodies.put("language", "{\"title\":\"t\",\"content\":\"c\",\"language\":\"elvish\"}");
        bodies.forEach((field, body) -> {
            Map<String, Object> problem = assertProblem(http.post(DOCUMENTS, ADMIN, body), 422);
            List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
            assertEquals(field.strip(), errors.get(0).get("field"), () -> "for " + body.substring(0, Math.min(body.length(), 120)));
        });
        assertEquals(0, Fixtures.queryLong("SELECT count(*) FROM conversation.knowledge_documents"));
    }

    @Test
    void the_limits_themselves_are_accepted() {
        List<String> fiftyTags = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fiftyTags.add(i == 0 ? "a".repeat(50) : "tag" + i);
        }
        Map<String, Object> body = object("title", "t".repeat(300), "content", "c".repeat(100_000),
                "source_url", "https://x.example/" + "a".repeat(2048 - 18), "tags", fiftyTags,
                "metadata", object("k", "v".repeat(16 * 1024 - 8)));
        Reply created = http.post(DOCUMENTS, ADMIN, body);
        assertEquals(201, created.status(), () -> created.status() + " " + created.body().substring(0, 300));
    }

    @Test
    void a_body_over_the_request_limit_is_413() {
        assertProblem(http.post(DOCUMENTS, ADMIN, "{\"title\":\"t\",\"content\":\"" + "c".repeat(300 * 1024) + "\"}"), 413);
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_list_is_newest_first_and_pages_without_repeats_or_gaps() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(create(article("Article " + i)));
            clock.advance(Duration.ofSeconds(1));
        }
        // two documents created in the same instant are ordered by id
        clock.set(Instant.parse("2026-11-23T09:00:00Z"));
        String tieA = create(article("Tie A"));
        String tieB = create(article("Tie B"));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Reply page = http.get(DOCUMENTS + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), null);
            assertEquals(200, page.status(), page::toString);
            assertTrue(page.map().containsKey("next_cursor"));
            page.items().forEach(item -> seen.add((String) item.get("id")));
            cursor = (String) page.field("next_cursor");
            pages++;
        } while (cursor != null);

        List<String> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);
        List<String> ties = tieA.compareTo(tieB) > 0 ? List.of(tieA, tieB) : List.of(tieB, tieA);
        newestFirst.addAll(ties);
        assertEquals(newestFirst, seen);
        assertEquals(4, pages);
        assertEquals(seen.size(), new HashSet<>(seen).size());

        Reply all = http.get(DOCUMENTS, null);
        assertEquals(7, all.items().size(), "default limit 50");
        assertNull(all.field("next_cursor"));
    }

    @Test
    void bad_paging_parameters_are_422() {
        assertProblem(http.get(DOCUMENTS + "?limit=0", null), 422);
        assertProblem(http.get(DOCUMENTS + "?limit=201", null), 422);
        assertProblem(http.get(DOCUMENTS + "?limit=many", null), 422);
        assertProblem(http.get(DOCUMENTS + "?cursor=garbage", null), 422);
        assertProblem(http.get(DOCUMENTS + "?cursor=" + io.parley.kernel.Cursor.of("not-a-time", "x").encode(), null), 422);
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
