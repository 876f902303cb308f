package io.parley.knowledge.application.service;

import io.parley.knowledge.application.port.in.KnowledgeDocumentCommand;
import io.parley.knowledge.application.port.out.LoadKnowledgeDocumentPort;
import io.parley.knowledge.application.port.out.StoreKnowledgeDocumentPort;
import io.parley.knowledge.domain.KnowledgeDocument;
import io.parley.knowledge.domain.KnowledgeLanguage;
import io.parley.kernel.Caller;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.NotFoundException;
import io.parley.kernel.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@ExtendWith(MockitoExtension.class)
class KnowledgeManagementServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30.123456789Z");
    private static final Caller ADMIN = Caller.authenticated("root", Set.of(Role.ADMIN), null, null);
    private static final KnowledgeDocumentCommand COMMAND = KnowledgeDocumentCommand.of("Refunds", "How refunds work.",
            "https://help.example.com/refunds", List.of("billing.refund"), Map.of("category", "billing"), "english");

    @Mock
    StoreKnowledgeDocumentPort store;
    @Mock
    LoadKnowledgeDocumentPort documents;
    KnowledgeManagementService service;

    @BeforeEach
    void service() {
        service = new KnowledgeManagementService(store, documents, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void an_admin_creates_a_document_with_a_new_id_and_millisecond_timestamps() {
        KnowledgeDocument created = service.create(ADMIN, COMMAND);

        ArgumentCaptor<KnowledgeDocument> stored = ArgumentCaptor.forClass(KnowledgeDocument.class);
        verify(store).insert(stored.capture());
        assertEquals(created, stored.getValue());
        assertEquals(7, created.id().version(), "UUIDv7");
        assertEquals(Instant.parse("2026-11-23T10:15:30.123Z"), created.createdAt());
        assertEquals(created.createdAt(), created.updatedAt());
        assertEquals(List.of("billing.refund"), created.tags());
        assertEquals(KnowledgeLanguage.ENGLISH, created.language());
    }

    @Test
    void anyone_but_an_admin_is_refused_and_nothing_is_written() {
        for (Caller caller : List.of(Caller.authenticated("u", Set.of(Role.USER), null, null),
                Caller.authenticated("a", Set.of(Role.AGENT), null, null),
                Caller.authenticated("s", Set.of(Role.SERVICE), null, null),
                Caller.guest("session-session-session-1"), Caller.anonymous())) {
            assertThrows(ForbiddenException.class, () -> service.create(caller, COMMAND), caller::toString);
            assertThrows(ForbiddenException.class, () -> service.replace(caller, UUID.randomUUID().toString(), COMMAND));
            assertThrows(ForbiddenException.class, () -> service.delete(caller, UUID.randomUUID().toString()));
        }
        verifyNoInteractions(store, documents);
    }

    @Test
    void replacing_keeps_the_id_and_creation_time() {
        UUID id = UUID.randomUUID();
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        when(documents.find(id)).thenReturn(Optional.of(new KnowledgeDocument(id, "Old", "old", null, List.of(), Map.of(),
                KnowledgeLanguage.GERMAN, created, created)));
        when(store.update(any())).thenReturn(true);

        KnowledgeDocument replaced = service.replace(ADMIN, id.toString(), COMMAND);

        assertEquals(id, replaced.id());
        assertEquals(created, replaced.createdAt());
        assertEquals(Instant.parse("2026-11-23T10:15:30.123Z"), replaced.updatedAt());
        assertEquals("Refunds", replaced.title());
        assertEquals(KnowledgeLanguage.ENGLISH, replaced.language());
        verify(store).update(replaced);
    }

    @Test
    void replacing_a_missing_or_malformed_id_is_not_found() {
        UUID id = UUID.randomUUID();
        when(documents.find(id)).thenReturn(Optional.empty());
        assertThrows(NotFoundException.class, () -> service.replace(ADMIN, id.toString(), COMMAND));
        assertThrows(NotFoundException.class, () -> service.replace(ADMIN, "not-a-uuid", COMMAND));
    }

    @Test
    void a_document_deleted_between_read_and_write_is_not_found() {
        UUID id = UUID.randomUUID();
        when(documents.find(id)).thenReturn(Optional.of(new KnowledgeDocument(id, "Old", "old", null, List.of(), Map.of(),
                KnowledgeLanguage.ENGLISH, NOW, NOW)));
        when(store.update(any())).thenReturn(false);
        assertThrows(NotFoundException.class, () -> service.replace(ADMIN, id.toString(), COMMAND));
    }

    @Test
    void deleting_a_missing_document_is_not_found() {
        UUID id = UUID.randomUUID();
        when(store.delete(id)).thenReturn(false);
        assertThrows(NotFoundException.class, () -> service.delete(ADMIN, id.toString()));
        assertThrows(NotFoundException.class, () -> service.delete(ADMIN, "42"));
    }
}
