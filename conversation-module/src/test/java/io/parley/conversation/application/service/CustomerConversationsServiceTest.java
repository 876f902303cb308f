package io.parley.conversation.application.service;

import io.parley.conversation.api.CustomerConversations.CustomerConversation;
import io.parley.conversation.api.UserDirectory;
import io.parley.conversation.application.port.out.CreateConversationPort;
import io.parley.conversation.application.port.out.CreateConversationPort.NewConversation;
import io.parley.conversation.application.port.out.FindStartedConversationPort;
import io.parley.conversation.application.port.out.LoadConversationPort;
import io.parley.conversation.domain.Channel;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationStatus;
import io.parley.conversation.domain.Conversations;
import io.parley.kernel.Caller;
import io.parley.kernel.NotFoundException;
import io.parley.kernel.RuleViolationException;
import io.parley.kernel.redaction.Redactor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static io.parley.conversation.application.service.Callers.ADMIN;
import static io.parley.conversation.application.service.Callers.ALICE;
import static io.parley.conversation.application.service.Callers.BOB;
import static io.parley.conversation.application.service.Callers.CLOCK;
import static io.parley.conversation.application.service.Callers.NOW_MILLIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The conversation a customer talks in, as the chat turn gets it: started, found again, or continued by its customer only. */
class CustomerConversationsServiceTest {

    static final Duration WINDOW = Duration.ofHours(24);

    final LoadConversationPort conversations = mock(LoadConversationPort.class);
    final CreateConversationPort create = mock(CreateConversationPort.class);
    final FindStartedConversationPort started = mock(FindStartedConversationPort.class);
    final UserDirectory users = mock(UserDirectory.class);
    final CustomerConversationsService service = new CustomerConversationsService(new ConversationGuard(conversations, Optional.empty()),
            new StartConversationService(create, users, new Redactor(), CLOCK), started, CLOCK);

    final Conversation guests = Conversations.guest();
    final Conversation alices = Conversations.ownedBy("alice");

    @BeforeEach
    void storesWhatItIsGiven() {
        when(create.create(any())).thenAnswer(call -> {
            NewConversation n = call.getArgument(0);
            return new Conversation(n.id(), n.sessionId(), n.ownerId(), n.ownerId() == null ? null : "alice", n.channel(), n.locale(),
                    ConversationStatus.OPEN, null, n.metadata(), 0, n.startedAt(), n.startedAt(), null);
        });
        when(users.ensureUser(any())).thenReturn(alices.userId());
        when(started.lockAndFind(anyString(), anyString(), any())).thenReturn(Optional.empty());
        when(conversations.loadBySession(eq(guests.sessionId()), any())).thenReturn(Optional.of(guests));
        when(conversations.loadBySession(eq(alices.sessionId()), any())).thenReturn(Optional.of(alices));
    }

    @Test
    void a_guests_first_turn_starts_a_guest_conversation_with_a_fresh_session_and_the_guest_as_its_customer() {
        CustomerConversation started = service.start(Caller.anonymous(), null, "en-GB", null, WINDOW);

        ArgumentCaptor<NewConversation> created = ArgumentCaptor.forClass(NewConversation.class);
        verify(create).create(created.capture());
        assertNull(created.getValue().ownerId(), "a guest conversation");
        assertEquals(Channel.WEB, created.getValue().channel());
        assertEquals("en-GB", created.getValue().locale());
        assertEquals(Map.of(), created.getValue().metadata());
        assertEquals(NOW_MILLIS, created.getValue().startedAt());
        assertTrue(created.getValue().sessionId().length() >= 32, "192 random bits");
        assertEquals(Caller.guest(created.getValue().sessionId()), started.customer());
        assertEquals(created.getValue().sessionId(), started.conversation().sessionId());
        verifyNoInteractions(users, this.started);
    }

    @Test
    void a_signed_in_customers_first_turn_starts_their_own_conversation() {
        CustomerConversation started = service.start(ALICE, "mobile", null, null, WINDOW);

        assertEquals(alices.userId(), started.conversation().ownerId());
        assertEquals("mobile", started.conversation().channel());
        assertEquals(ALICE, started.customer());
    }

    @Test
    void a_signed_in_customers_retried_first_turn_continues_the_conversation_its_key_started_within_the_window() {
        when(started.lockAndFind("alice", "first", NOW_MILLIS.minus(WINDOW))).thenReturn(Optional.of(alices));

        CustomerConversation again = service.start(ALICE, null, null, "first", WINDOW);

        assertEquals(alices.id(), again.conversation().id());
        verifyNoInteractions(create);
    }

    @Test
    void a_channel_or_locale_the_rules_refuse_is_a_rule_violation() {
        assertThrows(RuleViolationException.class, () -> service.start(Caller.anonymous(), "fax", null, null, WINDOW));
        assertThrows(RuleViolationException.class, () -> service.start(Caller.anonymous(), null, "not a locale", null, WINDOW));
        verifyNoInteractions(create);
    }

    @Test
    void the_owner_continues_and_a_guest_conversation_is_continued_by_whoever_holds_its_session_id() {
        assertEquals(alices.id(), service.continueBySession(alices.sessionId(), ALICE).conversation().id());
        assertEquals(ALICE.subject(), service.continueBySession(alices.sessionId(), ALICE).customer().subject());

        CustomerConversation guest = service.continueBySession(guests.sessionId(), BOB);
        assertEquals(guests.id(), guest.conversation().id());
        assertEquals(Caller.guest(guests.sessionId()), guest.customer(), "escalations act as the guest, whoever holds the session");
    }

    @Test
    void someone_elses_an_unknown_or_a_malformed_session_is_not_found() {
        assertThrows(NotFoundException.class, () -> service.continueBySession(alices.sessionId(), BOB));
        assertThrows(NotFoundException.class, () -> service.continueBySession(alices.sessionId(), Caller.anonymous()),
                "a user's session id is no capability");
        assertThrows(NotFoundException.class, () -> service.continueBySession(alices.sessionId(), ADMIN), "staff read, but do not chat");
        assertThrows(NotFoundException.class, () -> service.continueBySession("unknown-session-0123456789abcdef", ALICE));
        assertThrows(NotFoundException.class, () -> service.continueBySession("short", ALICE));
    }
}
