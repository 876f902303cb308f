package io.parley.conversation.application.service;

import io.parley.conversation.application.port.out.UpsertUserPort;
import io.parley.kernel.Caller;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.parley.conversation.application.service.Callers.ALICE;
import static io.parley.conversation.application.service.Callers.CLOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class UserDirectoryServiceTest {

    final UpsertUserPort users = mock(UpsertUserPort.class);
    final UserDirectoryService directory = new UserDirectoryService(users, CLOCK);

    @Test
    void the_user_row_is_upserted_from_the_token_with_a_normalised_email() {
        UUID row = UUID.randomUUID();
        when(users.upsert(any(), eq("alice"), eq("alice@example.com"), eq("Alice"))).thenReturn(row);
        assertEquals(row, directory.ensureUser(ALICE));
    }

    @Test
    void guests_have_no_user_row() {
        assertThrows(IllegalArgumentException.class, () -> directory.ensureUser(Caller.guest("s".repeat(30))));
        verifyNoInteractions(users);
    }
}
