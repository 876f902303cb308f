package io.parley.knowledge.application.service;

import io.parley.knowledge.api.KnowledgePassage;
import io.parley.knowledge.api.KnowledgeSearch;
import io.parley.knowledge.application.port.in.KnowledgeSearchQuery;
import io.parley.knowledge.application.port.out.LoadKnowledgeDocumentPort;
import io.parley.knowledge.application.port.out.LoadKnowledgeDocumentPort.Position;
import io.parley.knowledge.application.port.out.SearchKnowledgePort;
import io.parley.knowledge.domain.KnowledgeDocument;
import io.parley.knowledge.domain.KnowledgeLanguage;
import io.parley.knowledge.domain.KnowledgeSearchHit;
import io.parley.kernel.Cursor;
import io.parley.kernel.NotFoundException;
import io.parley.kernel.Page;
import io.parley.kernel.PageRequest;
import io.parley.kernel.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.InjectMocks;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@ExtendWith(MockitoExtension.class)
class KnowledgeQueryServiceTest {

    @Mock
    LoadKnowledgeDocumentPort documents;
    @Mock
    SearchKnowledgePort search;
    @InjectMocks
    KnowledgeQueryService service;

    private static KnowledgeDocument document(int second) {
        Instant at = Instant.parse("2026-11-23T10:00:00Z").plusSeconds(second);
        return new KnowledgeDocument(UUID.randomUUID(), "t" + second, "c", null, List.of(), Map.of(), KnowledgeLanguage.ENGLISH, at, at);
    }

    @Test
    void a_page_asks_for_one_extra_row_and_its_cursor_resumes_after_the_last_shown() {
        List<KnowledgeDocument> rows = List.of(document(3), document(2), document(1));
        when(documents.listNewestFirst(null, 3)).thenReturn(rows);

        Page<KnowledgeDocument> first = service.list(PageRequest.of("2", null));

        assertEquals(rows.subList(0, 2), first.items());
        KnowledgeDocument last = rows.get(1);
        when(documents.listNewestFirst(new Position(last.createdAt(), last.id()), 3)).thenReturn(List.of(rows.get(2)));
        Page<KnowledgeDocument> second = service.list(PageRequest.of("2", first.nextCursor()));
        assertEquals(List.of(rows.get(2)), second.items());
        assertNull(second.nextCursor());
    }

    @Test
    void a_cursor_of_another_shape_is_a_rule_violation() {
        assertThrows(RuleViolationException.class, () -> service.list(PageRequest.of(null, Cursor.of("x").encode())));
        assertThrows(RuleViolationException.class, () -> service.list(PageRequest.of(null, Cursor.of("yesterday", UUID.randomUUID()).encode())));
        assertThrows(RuleViolationException.class, () -> service.list(PageRequest.of(null, Cursor.of(Instant.now(), "nope").encode())));
        verifyNoInteractions(documents);
    }

    @Test
    void get_is_not_found_for_a_missing_or_malformed_id() {
        UUID id = UUID.randomUUID();
        when(documents.find(id)).thenReturn(Optional.empty());
        assertThrows(NotFoundException.class, () -> service.get(id.toString()));
        assertThrows(NotFoundException.class, () -> service.get("../etc/passwd"));
    }

    @Test
    void search_passes_the_words_language_and_limit_through() {
        List<KnowledgeSearchHit> hits = List.of(new KnowledgeSearchHit(UUID.randomUUID(), "Refunds", "snippet", 0.8));
        when(search.search("rückerstattung", KnowledgeLanguage.GERMAN, 5)).thenReturn(hits);
        assertEquals(hits, service.search(KnowledgeSearchQuery.of("rückerstattung", "de-AT", "5")));
    }

    @Test
    void the_chat_turns_passage_search_stems_in_the_language_of_the_conversations_locale() {
        KnowledgePassage passage = new KnowledgePassage(UUID.randomUUID(), "Geld zurück", List.of("billing.refund"), 0.5, "…");
        when(search.findPassages("Wie bekomme ich mein Geld zurück?", KnowledgeLanguage.GERMAN, 3)).thenReturn(List.of(passage));
        when(search.findPassages("返金したい", KnowledgeLanguage.SIMPLE, 3)).thenReturn(List.of());
        when(search.findPassages("refund", KnowledgeLanguage.ENGLISH, 3)).thenReturn(List.of());

        assertEquals(new KnowledgeSearch.FoundPassages("german", List.of(passage)),
                service.findPassages("Wie bekomme ich mein Geld zurück?", "de-AT", 3));
        assertEquals("simple", service.findPassages("返金したい", "ja-JP", 3).language(), "no stemmer for Japanese");
        assertEquals("english", service.findPassages("refund", null, 3).language(), "no locale: the default language");
    }
}
