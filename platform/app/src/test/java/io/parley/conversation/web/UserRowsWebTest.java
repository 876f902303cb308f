package io.parley.conversation.web;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.security.DevTokens;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Users come from their JWT: a row is created on first use, refreshed later, race-free under concurrent first requests. */
@MicronautTest(transactional = false)
class UserRowsWebTest extends WebTest {

    static final DevTokens TOKENS = new DevTokens(TestTokens.SECRET);

    ConversationClient api;

    @BeforeEach
    void client() {
        api = new ConversationClient(http);
    }

    static String token(String subject, String email, String name) {
        return TOKENS.mint(subject, List.of("user"), email, name, Duration.ofHours(1));
    }

    @Test
    void concurrent_first_requests_of_a_new_user_create_one_row_that_owns_everything() throws Exception {
        String subject = ConversationClient.subject("newcomer");
        String token = TestTokens.user(subject);
        List<TestHttp.Reply> replies = MessagesWebTest.concurrently(20, n -> api.http().post("/api/v1/conversations", token, "{}"));

        replies.forEach(reply -> assertEquals(201, reply.status(), reply::toString));
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM conversation.users WHERE external_id = ?", subject));
        assertEquals(1, replies.stream().map(reply -> reply.field("user_id")).distinct().count());
        assertEquals(20, api.http().get("/api/v1/conversations?limit=200", token).items().size());
    }

    @Test
    void email_and_name_are_taken_from_the_token_and_refreshed() throws Exception {
        String subject = ConversationClient.subject("dana");
        api.start(token(subject, subject + "@Example.COM", "Dana"));
        assertEquals(List.of(subject + "@example.com", "Dana"), emailAndName(subject));

        api.start(token(subject, "new-" + subject + "@example.com", "Dana B."));
        assertEquals(List.of("new-" + subject + "@example.com", "Dana B."), emailAndName(subject));

        api.start(TestTokens.user(subject));
        assertEquals(List.of("new-" + subject + "@example.com", "Dana B."), emailAndName(subject), "a token without them keeps them");
    }

    @Test
    void an_email_already_taken_by_another_subject_does_not_fail_the_request() throws Exception {
        String first = ConversationClient.subject("erin");
        String second = ConversationClient.subject("erin-twin");
        String shared = first + "@example.com";
        api.start(token(first, shared, null));
        api.start(token(second, shared, null));
        assertEquals(shared, emailAndName(first).get(0));
        assertEquals("null", emailAndName(second).get(0));
    }

    List<String> emailAndName(String subject) throws Exception {
        try (Connection connection = TestDatabase.connect();
             PreparedStatement statement = connection.prepareStatement("SELECT email, name FROM conversation.users WHERE external_id = ?")) {
            statement.setString(1, subject);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return List.of(String.valueOf(rows.getString(1)), String.valueOf(rows.getString(2)));
            }
        }
    }
}
