package io.parley.ticketing;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The handoff lifecycle with the email helpdesk, against GreenMail (a real SMTP server in the test).
 * A broken delivery is the SMTP server being down: the connection fails, worth a retry, and with one
 * attempt allowed the handoff gives up.
 */
@MicronautTest(transactional = false)
class EmailHandoffLifecycleTest extends HandoffLifecycleContract {

    static final ServerSetup SMTP = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    static GreenMail mailbox = started();

    @AfterAll
    static void stop() {
        mailbox.stop();
    }

    @Override
    String provider() {
        return "email";
    }

    @Override
    Map<String, String> helpdesk() {
        return Map.of("parley.ticketing.handoff.email.host", "127.0.0.1",
                "parley.ticketing.handoff.email.port", String.valueOf(SMTP.getPort()),
                "parley.ticketing.handoff.email.start-tls", "false",
                "parley.ticketing.handoff.email.from", "parley@acme.example",
                "parley.ticketing.handoff.email.to", "support@acme.example");
    }

    @Override
    int deliveries() {
        return mailbox.getReceivedMessages().length;
    }

    @Override
    void breakDelivery() {
        mailbox.stop();
    }

    @Override
    void restoreDelivery() {
        if (!mailbox.isRunning()) {
            mailbox = started();
        }
        try {
            mailbox.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    static GreenMail started() {
        GreenMail server = new GreenMail(SMTP);
        server.start();
        return server;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
