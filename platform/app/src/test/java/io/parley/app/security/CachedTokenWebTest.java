package io.parley.app.security;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Validated bearer tokens are cached (ValidatedTokens) and the API answers exactly as without the
 * cache: an expired token is 401 also after it was accepted, a bad token is never remembered, and a
 * cached token opens nothing more than its subject's own conversations.
 */
@MicronautTest(transactional = false)
class CachedTokenWebTest extends WebTest {

    @Inject
    ValidatedTokens validated;

    @Test
    void an_accepted_token_is_still_rejected_once_its_exp_has_passed() throws InterruptedException {
        Instant minted = Instant.now();
        String shortLived = new DevTokens(TestTokens.SECRET).mint("cache-exp", List.of("user"), null, null, Duration.ofSeconds(2));
        assertEquals(200, http.get("/api/v1/conversations", shortLived).status());
        assertEquals(200, http.get("/api/v1/conversations", shortLived).status());
        assertTrue(validated.find(shortLived).isPresent(), "the accepted token is remembered");

        // JWT exp has whole seconds: wait until it has certainly passed
        Instant certainlyExpired = minted.plusSeconds(4);
        while (Instant.now().isBefore(certainlyExpired)) {
            Thread.sleep(100);
        }
        assertProblem(http.get("/api/v1/conversations", shortLived), 401);
    }

    @Test
    void a_token_that_fails_validation_is_never_remembered() {
        String forged = TestTokens.signedWithAnotherSecret("cache-forged");
        String expired = TestTokens.expired("cache-expired");
        for (int attempt = 0; attempt < 2; attempt++) {
            assertProblem(http.get("/api/v1/conversations", forged), 401);
            assertProblem(http.get("/api/v1/conversations", expired), 401);
        }
        assertTrue(validated.find(forged).isEmpty());
        assertTrue(validated.find(expired).isEmpty());
    }

    @Test
    void a_cached_token_still_sees_only_its_own_conversations() {
        String owner = TestTokens.user("cache-owner");
        String stranger = TestTokens.user("cache-stranger");
        var created = http.post("/api/v1/conversations", owner, Map.of("channel", "web"));
        assertEquals(201, created.status(), created::toString);
        String id = (String) created.field("id");

        for (int attempt = 0; attempt < 2; attempt++) {
            assertProblem(http.post("/api/v1/conversations/" + id + "/messages", stranger, Map.of("role", "user", "content", "hi")), 404);
            assertProblem(http.get("/api/v1/conversations/" + id, stranger), 404);
            var appended = http.post("/api/v1/conversations/" + id + "/messages", owner, Map.of("role", "user", "content", "hello " + attempt));
            assertEquals(201, appended.status(), appended::toString);
        }
        assertTrue(validated.find(stranger).isPresent() && validated.find(owner).isPresent(), "both tokens were served from the cache");
    }
}
