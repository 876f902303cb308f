package io.parley.ticketing.adapter.out.helpdesk;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code parley.ticketing.handoff.*}: the helpdesk new handoffs go to ({@code provider}: internal,
 * zendesk, freshdesk or email; default internal) and each helpdesk's connection. A helpdesk is
 * configured when its {@code base-url} (email: {@code host}) is set. Credentials come from the
 * environment in practice (e.g. {@code PARLEY_TICKETING_HANDOFF_ZENDESK_API_TOKEN}); no
 * {@code toString} here prints them.
 */
@ConfigurationProperties("parley.ticketing.handoff")
class HelpdeskConfiguration {

    private String provider = "internal";
    private Duration timeout = Duration.ofSeconds(10);

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    /** Connect and whole-request timeout of every external helpdesk call. */
    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** {@code parley.ticketing.handoff.zendesk.*}: Zendesk Support API with API-token authentication. */
    @ConfigurationProperties("zendesk")
    static class Zendesk {
        static final String BASE_URL = "parley.ticketing.handoff.zendesk.base-url";

        private String baseUrl;
        private String email;
        private String apiToken;

        public String getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        /** The agent the API token belongs to. */
        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
        }

        public String getApiToken() {
            return apiToken;
        }

        public void setApiToken(String apiToken) {
            this.apiToken = apiToken;
        }
    }

    /** {@code parley.ticketing.handoff.freshdesk.*}: Freshdesk API v2 with API-key basic authentication. */
    @ConfigurationProperties("freshdesk")
    static class Freshdesk {
        static final String BASE_URL = "parley.ticketing.handoff.freshdesk.base-url";

        private String baseUrl;
        private String apiKey;
        private String requesterEmail;

        public String getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public String getApiKey() {
            return apiKey;
        }

        public void setApiKey(String apiKey) {
            this.apiKey = apiKey;
        }

        /**
         * Optional: the requester of every Freshdesk ticket (e.g. a support inbox). Unset, the requester
         * is a contact keyed by the Parley customer's id ({@code unique_external_id}), never their email.
         */
        public String getRequesterEmail() {
            return requesterEmail;
        }

        public void setRequesterEmail(String requesterEmail) {
            this.requesterEmail = requesterEmail;
        }
    }

    /** {@code parley.ticketing.handoff.email.*}: a message to a support mailbox over SMTP. */
    @ConfigurationProperties("email")
    static class Email {
        static final String HOST = "parley.ticketing.handoff.email.host";

        private String host;
        private int port = 587;
        private String username;
        private String password;
        private boolean startTls = true;
        private boolean ssl;
        private String from;
        private String to;

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        /**
         * Upgrade to TLS with STARTTLS, and refuse to send when the server does not offer it (default):
         * a transcript never crosses the network in clear text. Turn off only for a local relay.
         */
        public boolean isStartTls() {
            return startTls;
        }

        public void setStartTls(boolean startTls) {
            this.startTls = startTls;
        }

        /** Implicit TLS (SMTPS, usually port 465). */
        public boolean isSsl() {
            return ssl;
        }

        public void setSsl(boolean ssl) {
            this.ssl = ssl;
        }

        public String getFrom() {
            return from;
        }

        public void setFrom(String from) {
            this.from = from;
        }

        /** The support mailbox that receives handoffs. */
        public String getTo() {
            return to;
        }

        public void setTo(String to) {
            this.to = to;
        }
    }
}
