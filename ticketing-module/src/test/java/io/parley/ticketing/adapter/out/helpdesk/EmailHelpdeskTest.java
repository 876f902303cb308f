package io.parley.ticketing.adapter.out.helpdesk;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micronaut.context.exceptions.ConfigurationException;
import io.parley.ticketing.application.port.out.HelpdeskProvider.HandoffRequest;
import io.parley.ticketing.domain.DeliveryOutcome;
import io.parley.ticketing.domain.DeliveryState;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The email helpdesk against GreenMail (a real SMTP server in the test) and a scripted one for deferrals, rejections and silence. */
class EmailHelpdeskTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("parley@acme.example", "parley", "s3cret-pw"));

    EmailHelpdesk email(int port, String username, String password, Duration timeout) {
        HelpdeskConfiguration.Email email = new HelpdeskConfiguration.Email();
        email.setHost("127.0.0.1");
        email.setPort(port);
        email.setUsername(username);
        email.setPassword(password);
        email.setStartTls(false);
        email.setFrom("Parley <parley@acme.example>");
        email.setTo("support@acme.example");
        return new EmailHelpdesk(Requests.configuration(timeout), email, Requests.CLOCK);
    }

    @Test
    void a_handoff_is_mailed_to_the_support_mailbox_with_the_transcript() throws Exception {
        HandoffRequest request = Requests.handoff();

        DeliveryOutcome outcome = email(SMTP.getSmtp().getPort(), "parley", "s3cret-pw", Duration.ofSeconds(5)).deliver(request);

        DeliveryOutcome.Delivered delivered = assertInstanceOf(DeliveryOutcome.Delivered.class, outcome);
        assertEquals(DeliveryState.HELPDESK_ACCEPTED, delivered.state());
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertEquals(1, received.length);
        MimeMessage message = received[0];
        assertEquals(delivered.externalTicketId(), message.getMessageID(), "the message id is the external ticket id");
        assertEquals("[Parley T-1042] Refund for order 77", message.getSubject());
        assertEquals("support@acme.example", message.getAllRecipients()[0].toString());
        assertEquals("T-1042", message.getHeader("X-Parley-Ticket")[0]);
        String body = GreenMailUtil.getBody(message);
        assertTrue(body.contains("Reason: the customer wants a refund"), body);
        assertTrue(body.contains("where is my <money> & my order?"), body);
    }

    @Test
    void refused_credentials_are_permanent() {
        DeliveryOutcome outcome = email(SMTP.getSmtp().getPort(), "parley", "wrong", Duration.ofSeconds(5)).deliver(Requests.handoff());
        assertEquals(new DeliveryOutcome.Permanent("email: the SMTP server refused the credentials"), outcome);
    }

    @Test
    void a_4xx_deferral_is_retryable() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.replyingToMailFrom("451 4.3.0 mailbox busy, try later")) {
            assertEquals(new DeliveryOutcome.Retryable("email: the SMTP server deferred the message (reply 451)", null),
                    email(server.port(), null, null, Duration.ofSeconds(5)).deliver(Requests.handoff()));
        }
    }

    @Test
    void a_5xx_rejection_is_permanent() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.replyingToMailFrom("554 5.7.1 relaying denied")) {
            assertEquals(new DeliveryOutcome.Permanent("email: the SMTP server rejected the message (reply 554)"),
                    email(server.port(), null, null, Duration.ofSeconds(5)).deliver(Requests.handoff()));
        }
    }

    @Test
    void a_server_that_does_not_answer_in_time_is_retryable() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.silent()) {
            assertEquals(new DeliveryOutcome.Retryable("email: the SMTP server did not answer in time", null),
                    email(server.port(), null, null, Duration.ofMillis(300)).deliver(Requests.handoff()));
        }
    }

    @Test
    void an_unreachable_server_is_retryable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertEquals(new DeliveryOutcome.Retryable("email: the SMTP server could not be reached (connection failed)", null),
                email(closedPort, null, null, Duration.ofSeconds(2)).deliver(Requests.handoff()));
    }

    @Test
    void addresses_are_checked_at_startup() {
        HelpdeskConfiguration.Email email = new HelpdeskConfiguration.Email();
        email.setHost("smtp.acme.example");
        email.setFrom("not an address");
        email.setTo("support@acme.example");
        assertThrows(ConfigurationException.class, () -> new EmailHelpdesk(Requests.configuration(Duration.ofSeconds(1)), email, Requests.CLOCK));
    }
}
