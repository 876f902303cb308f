package io.parley.conversation.adapter.out.persistence;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.kernel.Ids;
import io.parley.testing.PostgresBacked;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A conversation erased between the use case's check and the insert of its feedback is "not found", not a failure. */
@MicronautTest(startApplication = false, transactional = false)
class FeedbackAdapterTest implements PostgresBacked {

    @Inject
    FeedbackAdapter feedback;

    @Test
    void feedback_for_a_conversation_that_is_gone_is_empty() {
        assertEquals(Optional.empty(), feedback.save(Ids.newId(), UUID.randomUUID(), 4, null, Instant.now()));
    }
}
