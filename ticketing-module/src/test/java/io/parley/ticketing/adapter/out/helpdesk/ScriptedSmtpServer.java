package io.parley.ticketing.adapter.out.helpdesk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A tiny SMTP server for the replies GreenMail will not give: it answers {@code MAIL FROM} with a
 * scripted reply (a 4xx deferral, a 5xx rejection), or, when silent, accepts the connection and
 * never greets, so the client's timeout fires.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Thread thread;

    private ScriptedSmtpServer(String mailFromReply, boolean silent) {
        try {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(() -> serve(mailFromReply, silent), "scripted-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    static ScriptedSmtpServer replyingToMailFrom(String reply) {
        return new ScriptedSmtpServer(reply, false);
    }

    static ScriptedSmtpServer silent() {
        return new ScriptedSmtpServer(null, true);
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        thread.interrupt();
    }

    private void serve(String mailFromReply, boolean silent) {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                if (silent) {
                    client.getInputStream().read();
                    continue;
                }
                converse(client, mailFromReply);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void converse(Socket client, String mailFromReply) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        write(out, "220 scripted.local ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.toUpperCase(Locale.ROOT);
            if (command.startsWith("MAIL FROM")) {
                write(out, mailFromReply);
            } else if (command.startsWith("QUIT")) {
                write(out, "221 bye");
                return;
            } else {
                write(out, "250 ok");
            }
        }
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
