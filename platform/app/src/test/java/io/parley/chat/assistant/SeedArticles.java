package io.parley.chat.assistant;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.parley.app.support.Fixtures;
import io.parley.knowledge.application.port.in.KnowledgeDocumentCommand;
import io.parley.knowledge.application.port.in.ManageKnowledgeUseCase;
import io.parley.kernel.Caller;
import io.parley.kernel.Role;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces the knowledge base with the bundled support articles, through the use case. The test class
 * must not run in a test transaction ({@code @MicronautTest(transactional = false)}): the articles are
 * committed once and read by every test method.
 */
public final class SeedArticles {

    private static final Caller ADMIN = Caller.authenticated("test-admin", Set.of(Role.ADMIN), null, null);

    private SeedArticles() {
    }

    @SuppressWarnings("unchecked")
    public static void load(ManageKnowledgeUseCase knowledge, JsonMapper json) {
        Fixtures.execute("DELETE FROM conversation.knowledge_documents");
        try (InputStream in = SeedArticles.class.getClassLoader().getResourceAsStream("knowledge/seed-articles.json")) {
            for (Map<String, Object> a : json.readValue(in.readAllBytes(), Argument.listOf(Argument.mapOf(String.class, Object.class)))) {
                knowledge.create(ADMIN, KnowledgeDocumentCommand.of((String) a.get("title"), (String) a.get("content"),
                        (String) a.get("source_url"), (List<String>) a.get("tags"), (Map<String, Object>) a.get("metadata"),
                        (String) a.get("language")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
