package io.parley.knowledge;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.KnowledgeSeedCommand;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestTokens;
import io.parley.testing.PostgresBacked;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./parley seed-knowledge}: loads the bundled articles over HTTP as an admin, once. */
@MicronautTest
class KnowledgeSeedCommandTest implements PostgresBacked {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void emptyKnowledgeBase() {
        Fixtures.execute("DELETE FROM conversation.knowledge_documents");
        out.reset();
        err.reset();
    }

    private int seed(String... args) {
        return seed(() -> TestTokens.SECRET, args);
    }

    private int seed(Supplier<String> secret, String... args) {
        return KnowledgeSeedCommand.run(args, secret, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<Map<String, Object>> bundled() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("knowledge/seed-articles.json")) {
            return json.readValue(in.readAllBytes(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
        }
    }

    private static long documents() {
        return Fixtures.queryLong("SELECT count(*) FROM conversation.knowledge_documents");
    }

    @Test
    void the_bundled_articles_are_realistic_tagged_and_distinct() throws Exception {
        List<Map<String, Object>> articles = bundled();
        assertTrue(articles.size() >= 20, "about twenty articles");
        assertEquals(articles.size(), new HashSet<>(articles.stream().map(a -> a.get("title")).toList()).size(), "titles are unique");
        for (Map<String, Object> article : articles) {
            List<?> tags = (List<?>) article.get("tags");
            assertTrue(((String) tags.get(0)).matches("[a-z]+\\.[a-z_]+"), "the first tag is an intent label: " + tags);
            assertTrue(((String) article.get("content")).contains("\n\n"), "paragraphs, so a passage can be quoted: " + article.get("title"));
        }
        List<String> topics = articles.stream().map(a -> (String) ((List<?>) a.get("tags")).get(0)).toList();
        for (String topic : List.of("billing.refund", "shipping.tracking", "account.password_reset", "account.deletion")) {
            assertTrue(topics.contains(topic), topic);
        }
    }

    @Test
    void loads_every_bundled_article_and_a_second_run_changes_nothing() throws Exception {
        int count = bundled().size();

        assertEquals(0, seed("--url", server.getURL().toString()), err::toString);
        assertEquals(count, documents());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(count + " article(s) created, 0 skipped"), out::toString);

        out.reset();
        assertEquals(0, seed("--url", server.getURL().toString()), err::toString);
        assertEquals(count, documents());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("0 article(s) created, " + count + " skipped"), out::toString);
    }

    @Test
    void only_missing_titles_are_added() throws Exception {
        assertEquals(0, seed("--url", server.getURL().toString()));
        Fixtures.execute("DELETE FROM conversation.knowledge_documents WHERE title = 'Deleting your account'");
        out.reset();

        assertEquals(0, seed("--url", server.getURL() + "/"));

        assertTrue(out.toString(StandardCharsets.UTF_8).contains("1 article(s) created, " + (bundled().size() - 1) + " skipped"), out::toString);
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM conversation.knowledge_documents WHERE title = 'Deleting your account'"));
    }

    @Test
    void a_file_of_the_same_shape_is_loaded_and_a_rejected_article_is_reported(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("articles.json");
        Files.writeString(file, """
                [{"title": "Gift wrapping", "content": "We wrap gifts for free.", "tags": ["orders.gift_wrap"]},
                 {"title": "Broken", "content": "", "tags": []},
                 {"title": "Gift wrapping", "content": "A repeated title in the file is skipped too."}]
                """);

        assertEquals(1, seed("--url", server.getURL().toString(), "--file", file.toString()));

        assertEquals(1, documents());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("1 article(s) created, 1 skipped"), out::toString);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not loaded: \"Broken\": HTTP 422"), err::toString);
    }

    @Test
    void an_explicit_token_is_used_without_reading_the_secret() {
        Supplier<String> noSecret = () -> {
            throw new AssertionError("the secret must not be read when --token is given");
        };
        assertEquals(0, seed(noSecret, "--url", server.getURL().toString(), "--token", TestTokens.withRoles("ops", "admin")), err::toString);

        Fixtures.execute("DELETE FROM conversation.knowledge_documents");
        assertEquals(1, seed(noSecret, "--url", server.getURL().toString(), "--token", TestTokens.user("alice")));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("HTTP 403"), err::toString);
        assertEquals(0, documents(), "a non-admin token writes nothing");
    }

    @Test
    void an_unreachable_service_and_bad_flags_are_explained() {
        assertEquals(1, seed("--url", "http://127.0.0.1:1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot reach Parley at http://127.0.0.1:1"), err::toString);

        err.reset();
        assertEquals(2, seed("--bogus", "x"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: seed-knowledge"), err::toString);
        assertEquals(2, seed("--url"));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("created"));
    }
}
