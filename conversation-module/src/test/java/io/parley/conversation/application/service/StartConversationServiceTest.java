package io.parley.conversation.application.service;

import io.parley.conversation.api.UserDirectory;
import io.parley.conversation.application.port.in.StartConversationCommand;
import io.parley.conversation.application.port.out.CreateConversationPort;
import io.parley.conversation.application.port.out.CreateConversationPort.NewConversation;
import io.parley.conversation.domain.Channel;
import io.parley.conversation.domain.Conversations;
import io.parley.kernel.Caller;
import io.parley.kernel.redaction.Redacted;
import io.parley.kernel.redaction.Redactor;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.Map;
import java.util.UUID;

import static io.parley.conversation.application.service.Callers.ALICE;
import static io.parley.conversation.application.service.Callers.CLOCK;
import static io.parley.conversation.application.service.Callers.NOW_MILLIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class StartConversationServiceTest {

    final CreateConversationPort conversations = mock(CreateConversationPort.class);
    final UserDirectory users = mock(UserDirectory.class);
    final Redactor redactor = mock(Redactor.class);
    final StartConversationService service = new StartConversationService(conversations, users, redactor, CLOCK);

    @Test
    void a_user_conversation_is_owned_by_the_callers_user_row_and_its_metadata_is_redacted() {
        UUID aliceRow = UUID.randomUUID();
        when(users.ensureUser(ALICE)).thenReturn(aliceRow);
        when(redactor.redactTree(Map.of("note", "card 4111"))).thenReturn(new Redacted<>(Map.of("note", "card [REDACTED:CARD]"), 1));
        when(conversations.create(any())).thenReturn(Conversations.ownedBy("alice"));

        service.start(StartConversationCommand.of("mobile", "en-GB", Map.of("note", "card 4111")), ALICE);

        ArgumentCaptor<NewConversation> created = ArgumentCaptor.forClass(NewConversation.class);
        verify(conversations).create(created.capture());
        assertEquals(aliceRow, created.getValue().ownerId());
        assertEquals(Channel.MOBILE, created.getValue().channel());
        assertEquals("en-GB", created.getValue().locale());
        assertEquals(Map.of("note", "card [REDACTED:CARD]"), created.getValue().metadata());
        assertEquals(NOW_MILLIS, created.getValue().startedAt());
        assertEquals(7, created.getValue().id().version());
    }

    @Test
    void without_a_token_it_is_a_guest_conversation_with_a_fresh_unguessable_session() {
        when(redactor.redactTree(any())).thenAnswer(call -> new Redacted<>(call.getArgument(0), 0));
        when(conversations.create(any())).thenReturn(Conversations.guest());

        service.start(StartConversationCommand.of(null, null, null), Caller.anonymous());

        ArgumentCaptor<NewConversation> created = ArgumentCaptor.forClass(NewConversation.class);
        verify(conversations).create(created.capture());
        assertNull(created.getValue().ownerId());
        assertTrue(created.getValue().sessionId().matches("[A-Za-z0-9_-]{32}"), created.getValue().sessionId());
        verifyNoInteractions(users);
    }
}
