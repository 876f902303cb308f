package io.parley.conversation.domain;

import io.parley.kernel.Caller;
import io.parley.kernel.Role;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConversationAccessTest {

    static final Caller ALICE = user("alice");
    static final Caller BOB = user("bob");
    static final Caller AGENT = Caller.authenticated("agnes", Set.of(Role.AGENT), null, null);
    static final Caller ADMIN = Caller.authenticated("root", Set.of(Role.ADMIN), null, null);
    static final Caller SERVICE = Caller.authenticated("bot", Set.of(Role.SERVICE), null, null);
    static final Caller GUEST = Caller.guest(Conversations.GUEST_SESSION);
    static final Caller OTHER_GUEST = Caller.guest("another-guest-session-0123456789");

    final Conversation alices = Conversations.ownedBy("alice");
    final Conversation guests = Conversations.guest();

    static Caller user(String subject) {
        return Caller.authenticated(subject, Set.of(Role.USER), null, null);
    }

    @Test
    void the_owner_and_only_the_owner_is_the_customer_of_a_user_conversation() {
        assertTrue(ConversationAccess.isCustomer(alices, ALICE));
        assertFalse(ConversationAccess.isCustomer(alices, BOB));
        assertFalse(ConversationAccess.isCustomer(alices, ADMIN));
    }

    @Test
    void the_session_id_of_a_user_conversation_opens_nothing() {
        assertFalse(ConversationAccess.isCustomer(alices, Caller.guest(alices.sessionId())));
        assertFalse(ConversationAccess.mayRead(alices, Caller.guest(alices.sessionId()), false));
    }

    @Test
    void whoever_holds_a_guest_conversations_session_is_its_customer_with_or_without_a_token() {
        assertTrue(ConversationAccess.isCustomer(guests, GUEST));
        assertTrue(ConversationAccess.isCustomer(guests, new Caller("bob", Set.of(Role.USER), null, null, Conversations.GUEST_SESSION)));
        assertFalse(ConversationAccess.isCustomer(guests, OTHER_GUEST));
        assertFalse(ConversationAccess.isCustomer(guests, BOB));
        assertFalse(ConversationAccess.isCustomer(guests, Caller.anonymous()));
    }

    @Test
    void admins_and_services_read_everything_agents_only_conversations_with_a_ticket() {
        assertTrue(ConversationAccess.mayRead(alices, ADMIN, false));
        assertTrue(ConversationAccess.mayRead(guests, SERVICE, false));
        assertFalse(ConversationAccess.mayRead(alices, AGENT, false));
        assertTrue(ConversationAccess.mayRead(alices, AGENT, true));
        assertFalse(ConversationAccess.mayRead(alices, BOB, true));
    }

    @Test
    void only_an_agent_outside_the_conversation_needs_a_ticket_to_read_it() {
        assertTrue(ConversationAccess.needsTicketToRead(alices, AGENT));
        assertFalse(ConversationAccess.needsTicketToRead(alices, ALICE));
        assertFalse(ConversationAccess.needsTicketToRead(alices, ADMIN));
        assertFalse(ConversationAccess.needsTicketToRead(alices, BOB));
    }

    @Test
    void user_messages_come_from_the_customer_or_a_service_or_admin_relaying_them() {
        assertTrue(ConversationAccess.mayWrite(alices, ALICE, MessageRole.USER));
        assertTrue(ConversationAccess.mayWrite(guests, GUEST, MessageRole.USER));
        assertTrue(ConversationAccess.mayWrite(alices, SERVICE, MessageRole.USER));
        assertTrue(ConversationAccess.mayWrite(alices, ADMIN, MessageRole.USER));
        assertFalse(ConversationAccess.mayWrite(alices, AGENT, MessageRole.USER));
    }

    @Test
    void assistant_and_system_messages_need_service_agent_or_admin() {
        for (MessageRole role : new MessageRole[]{MessageRole.ASSISTANT, MessageRole.SYSTEM}) {
            assertFalse(ConversationAccess.mayWrite(alices, ALICE, role), role::toString);
            assertFalse(ConversationAccess.mayWrite(guests, GUEST, role), role::toString);
            assertTrue(ConversationAccess.mayWrite(alices, SERVICE, role), role::toString);
            assertTrue(ConversationAccess.mayWrite(alices, AGENT, role), role::toString);
            assertTrue(ConversationAccess.mayWrite(alices, ADMIN, role), role::toString);
        }
    }

    @Test
    void human_staff_replies_are_signed_but_the_ai_backend_and_customers_are_not() {
        assertTrue(ConversationAccess.writesAsStaff(AGENT, MessageRole.ASSISTANT));
        assertTrue(ConversationAccess.writesAsStaff(ADMIN, MessageRole.SYSTEM));
        assertFalse(ConversationAccess.writesAsStaff(SERVICE, MessageRole.ASSISTANT));
        assertFalse(ConversationAccess.writesAsStaff(ADMIN, MessageRole.USER));
        assertFalse(ConversationAccess.writesAsStaff(Caller.authenticated("x", Set.of(Role.SERVICE, Role.AGENT), null, null),
                MessageRole.ASSISTANT));
    }

    @Test
    void erasure_is_for_the_customer_and_admins_feedback_only_for_the_customer() {
        assertTrue(ConversationAccess.mayErase(alices, ALICE));
        assertTrue(ConversationAccess.mayErase(guests, GUEST));
        assertTrue(ConversationAccess.mayErase(alices, ADMIN));
        assertFalse(ConversationAccess.mayErase(alices, SERVICE));
        assertFalse(ConversationAccess.mayErase(alices, AGENT));

        assertTrue(ConversationAccess.mayGiveFeedback(alices, ALICE));
        assertTrue(ConversationAccess.mayGiveFeedback(guests, GUEST));
        assertFalse(ConversationAccess.mayGiveFeedback(alices, ADMIN));
        assertFalse(ConversationAccess.mayGiveFeedback(alices, SERVICE));
    }

    @Test
    void closing_follows_reading() {
        assertTrue(ConversationAccess.mayClose(alices, ALICE, false));
        assertTrue(ConversationAccess.mayClose(alices, AGENT, true));
        assertFalse(ConversationAccess.mayClose(alices, AGENT, false));
        assertFalse(ConversationAccess.mayClose(alices, BOB, false));
    }

    @Test
    void summaries_are_set_by_services_and_admins() {
        assertTrue(ConversationAccess.maySetSummary(SERVICE));
        assertTrue(ConversationAccess.maySetSummary(ADMIN));
        assertFalse(ConversationAccess.maySetSummary(ALICE));
        assertFalse(ConversationAccess.maySetSummary(AGENT));
    }

    @Test
    void the_scope_of_a_caller_narrows_the_query() {
        assertEquals(new ConversationScope(false, "alice", null), ConversationScope.of(ALICE));
        assertEquals(new ConversationScope(false, null, Conversations.GUEST_SESSION), ConversationScope.of(GUEST));
        assertTrue(ConversationScope.of(AGENT).any());
        assertTrue(ConversationScope.of(SERVICE).any());
        assertFalse(ConversationScope.of(Caller.anonymous()).any());
    }
}
