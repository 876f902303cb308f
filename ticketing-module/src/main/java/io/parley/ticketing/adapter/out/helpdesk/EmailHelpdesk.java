package io.parley.ticketing.adapter.out.helpdesk;

import io.micronaut.context.annotation.Requires;
import io.parley.ticketing.application.port.out.HelpdeskProvider;
import io.parley.ticketing.domain.DeliveryOutcome;
import io.parley.ticketing.domain.DeliveryState;
import io.parley.ticketing.domain.HelpdeskKind;
import jakarta.inject.Singleton;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;

/**
 * Hands a ticket to a support mailbox by SMTP, with Jakarta Mail (Eclipse Angus, its maintained
 * implementation). The message id is the external ticket id. An SMTP 4xx reply, a timeout or a
 * connection failure is retried; a 5xx reply or failed authentication is permanent.
 */
@Singleton
@Requires(property = HelpdeskConfiguration.Email.HOST)
class EmailHelpdesk implements HelpdeskProvider {

    private final Session session;
    private final InternetAddress from;
    private final InternetAddress to;
    private final String username;
    private final String password;
    private final Clock clock;

    EmailHelpdesk(HelpdeskConfiguration configuration, HelpdeskConfiguration.Email email, Clock clock) {
        String host = Endpoints.required(HelpdeskConfiguration.Email.HOST, email.getHost());
        this.from = address("parley.ticketing.handoff.email.from", email.getFrom());
        this.to = address("parley.ticketing.handoff.email.to", email.getTo());
        this.username = email.getUsername() == null || email.getUsername().isBlank() ? null : email.getUsername();
        this.password = email.getPassword();
        this.clock = clock;
        String timeout = String.valueOf(configuration.getTimeout().toMillis());
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", String.valueOf(email.getPort()));
        properties.put("mail.smtp.auth", String.valueOf(username != null));
        properties.put("mail.smtp.starttls.enable", String.valueOf(email.isStartTls()));
        properties.put("mail.smtp.starttls.required", String.valueOf(email.isStartTls()));
        properties.put("mail.smtp.ssl.enable", String.valueOf(email.isSsl()));
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        properties.put("mail.smtp.connectiontimeout", timeout);
        properties.put("mail.smtp.timeout", timeout);
        properties.put("mail.smtp.writetimeout", timeout);
        this.session = Session.getInstance(properties);
    }

    @Override
    public HelpdeskKind kind() {
        return HelpdeskKind.EMAIL;
    }

    @Override
    public DeliveryOutcome deliver(HandoffRequest request) {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, to);
            message.setSubject(request.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(clock.instant()));
            message.setHeader("X-Parley-Ticket", request.ticketNumber().toString());
            message.setText(HandoffText.plain(request), StandardCharsets.UTF_8.name());
            message.saveChanges();
            if (username != null) {
                Transport.send(message, username, password);
            } else {
                Transport.send(message);
            }
            String messageId = message.getMessageID();
            return new DeliveryOutcome.Delivered(DeliveryState.HELPDESK_ACCEPTED,
                    messageId == null || messageId.length() > 255 ? null : messageId);
        } catch (MessagingException e) {
            return outcome(e);
        }
    }

    /** Classified by SMTP reply code and failure kind only: server replies can quote addresses or data. */
    static DeliveryOutcome outcome(MessagingException failure) {
        if (failure instanceof AuthenticationFailedException) {
            return new DeliveryOutcome.Permanent("email: the SMTP server refused the credentials");
        }
        for (Throwable t = failure; t != null; t = next(t)) {
            int code = replyCode(t);
            if (code >= 500) {
                return new DeliveryOutcome.Permanent("email: the SMTP server rejected the message (reply " + code + ")");
            }
            if (code >= 400) {
                return new DeliveryOutcome.Retryable("email: the SMTP server deferred the message (reply " + code + ")", null);
            }
            if (t instanceof SocketTimeoutException) {
                return new DeliveryOutcome.Retryable("email: the SMTP server did not answer in time", null);
            }
            if (t instanceof ConnectException) {
                return new DeliveryOutcome.Retryable("email: the SMTP server could not be reached (connection failed)", null);
            }
        }
        return new DeliveryOutcome.Retryable("email: sending failed (" + failure.getClass().getSimpleName() + ")", null);
    }

    private static int replyCode(Throwable t) {
        if (t instanceof SMTPSendFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPAddressFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPSenderFailedException e) {
            return e.getReturnCode();
        }
        return -1;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static InternetAddress address(String property, String value) {
        try {
            InternetAddress address = new InternetAddress(Endpoints.required(property, value), true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new io.micronaut.context.exceptions.ConfigurationException(property + " is not an email address");
        }
    }
}
