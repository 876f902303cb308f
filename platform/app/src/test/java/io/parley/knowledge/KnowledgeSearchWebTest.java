package io.parley.knowledge;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestHttp.Reply;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static io.parley.app.support.TestHttp.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /api/v1/knowledge/search}: ranked full-text search over a known set of documents. */
@MicronautTest
class KnowledgeSearchWebTest extends WebTest {


    private boolean loaded;

    /** Once per class (fields are injected only before each test): the known set, alone in the table. */
    @BeforeEach
    void knownSet() {
        if (loaded) {
            return;
        }
        loaded = true;
        Fixtures.execute("DELETE FROM conversation.knowledge_documents");
        String admin = TestTokens.withRoles("root", "admin");
        for (Map<String, Object> document : List.of(
                object("title", "Refund policy", "tags", List.of("billing.refund"),
                        "content", "Ask for a refund within 30 days. A refund goes back to the card you paid with. "
                                + "Refunds of gift cards are not possible.\n\nProcessing a refund takes five days."),
                object("title", "Returning an item", "tags", List.of("returns.start"),
                        "content", "Print the return label and drop the parcel at a post office. "
                                + "Once the parcel arrives we issue the refund."),
                object("title", "Shipping times", "tags", List.of("shipping.options"),
                        "content", "Standard shipping takes 3 to 5 business days; express shipping takes one day."),
                object("title", "Paying by card", "tags", List.of("billing.payment_method"),
                        "content", "We accept Visa and Mastercard. Your card is charged when the order ships."),
                object("title", "Rückerstattungen", "language", "german", "tags", List.of("billing.refund"),
                        "content", "Eine Rückerstattung dauert fünf Werktage. Rückerstattungen gehen auf die Karte zurück."))) {
            Reply created = http.post("/api/v1/knowledge/documents", admin, document);
            assertEquals(201, created.status(), created::toString);
        }
    }

    private Reply search(String query) {
        return http.get("/api/v1/knowledge/search?" + query, null);
    }

    private static String q(String words) {
        return "q=" + URLEncoder.encode(words, StandardCharsets.UTF_8);
    }

    private static List<Object> titles(Reply reply) {
        return reply.items().stream().map(i -> i.get("title")).toList();
    }

    @Test
    void results_are_ranked_best_first_with_scores_and_snippets() {
        Reply reply = search(q("refund"));

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(List.of("Refund policy", "Returning an item"), titles(reply),
                "the article about refunds (title and text) outranks the one that mentions a refund once; others are absent");
        List<Map<String, Object>> items = reply.items();
        double first = ((Number) items.get(0).get("score")).doubleValue();
        double second = ((Number) items.get(1).get("score")).doubleValue();
        assertTrue(first > second && second > 0 && first < 1, items::toString);
        for (Map<String, Object> item : items) {
            assertEquals(List.of("document_id", "title", "snippet", "score"), List.copyOf(item.keySet()));
            String snippet = (String) item.get("snippet");
            assertTrue(snippet.toLowerCase().contains("refund"), snippet);
            assertFalse(snippet.contains("\n"), snippet);
        }
    }

    @Test
    void words_are_stemmed_so_refunds_finds_refund() {
        assertEquals(List.of("Refund policy", "Returning an item"), titles(search(q("Refunds"))));
    }

    @Test
    void websearch_syntax_requires_every_word_and_honours_phrases_or_and_exclusion() {
        assertEquals(List.of("Refund policy"), titles(search(q("refund card"))), "all words");
        assertEquals(List.of("Returning an item"), titles(search(q("refund -card"))), "exclusion");
        assertEquals(List.of("Shipping times"), titles(search(q("\"express shipping\""))), "phrase");
        assertEquals(List.of(), titles(search(q("\"shipping express\""))), "a phrase keeps its order");
        assertEquals(3, search(q("visa or parcel or express")).items().size(), "or");
    }

    @Test
    void the_locale_picks_the_stemming_language() {
        assertEquals(List.of("Rückerstattungen"), titles(search(q("Rückerstattung") + "&locale=de-DE")));
        assertEquals(List.of(), titles(search(q("Rückerstattung") + "&locale=en")),
                "english stemming leaves the German word whole, and the German article was indexed in German");
        assertEquals(List.of(), titles(search(q("refunds") + "&locale=ja")), "simple: no stemming, so the plural misses");
        assertEquals(List.of("Refund policy", "Returning an item"), titles(search(q("refund") + "&locale=ja")), "simple: exact words match");
    }

    @Test
    void limit_bounds_the_results() {
        assertEquals(1, search(q("refund") + "&limit=1").items().size());
        assertEquals(2, search(q("refund") + "&limit=200").items().size());
    }

    @Test
    void nothing_to_search_for_is_an_empty_result_not_an_error() {
        Reply stopWords = search(q("the and of"));
        assertEquals(200, stopWords.status(), stopWords::toString);
        assertEquals(List.of(), stopWords.items());
        assertEquals(List.of(), search(q("zebra")).items());
        assertEquals(List.of(), search(q("!!! & | :* <->")).items());
    }

    @Test
    void bad_parameters_are_422() {
        assertProblem(search(""), 422);
        assertProblem(search(q("   ")), 422);
        assertProblem(search(q("x".repeat(501))), 422);
        assertProblem(search(q("refund") + "&limit=0"), 422);
        assertProblem(search(q("refund") + "&limit=201"), 422);
        assertProblem(search(q("refund") + "&limit=lots"), 422);
        assertProblem(search(q("refund") + "&locale=" + URLEncoder.encode("en US!", StandardCharsets.UTF_8)), 422);
        assertProblem(search("q=%00"), 422);
    }

    @Test
    void guests_and_every_role_may_search() {
        for (String token : new String[]{null, TestTokens.user("alice"), TestTokens.withRoles("ann", "agent"), TestTokens.withRoles("root", "admin")}) {
            assertEquals(200, http.get("/api/v1/knowledge/search?q=refund", token).status());
        }
    }
}
