package io.parley.chat.adapter.out.assistant;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code parley.assistant.openai.*}: the OpenAI-compatible Chat Completions endpoint and how to talk
 * to it. The API key comes from the environment ({@code PARLEY_ASSISTANT_OPENAI_API_KEY}); it is sent
 * as a bearer token and never logged. Retries are configured on {@link OpenAiChatClient#complete}.
 */
@ConfigurationProperties("parley.assistant.openai")
class OpenAiSettings {

    static final String DEFAULT_SYSTEM_PROMPT = """
            You are the customer-support assistant of an online shop. Answer the customer's last message using only \
            the help articles below and the conversation so far. Be brief, friendly and concrete, and answer in the \
            customer's language. Never invent policies, prices, dates or order details. If the articles do not answer \
            the question, or the customer wants to talk to a person, reply with exactly [HANDOFF] and nothing else.""";

    private URI baseUrl = URI.create("https://api.openai.com/v1");
    private String model = "gpt-4o-mini";
    private String apiKey = "";
    private Duration timeout = Duration.ofSeconds(15);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private int historyBudgetChars = 6000;
    private double minPassageScore = 0.1;
    private Double temperature = 0.2;
    private Integer maxTokens = 500;
    private String systemPrompt = DEFAULT_SYSTEM_PROMPT;

    public URI getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(URI baseUrl) {
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("parley.assistant.openai.base-url must be an absolute http(s) URL");
        }
        this.baseUrl = baseUrl;
    }

    /** {@code <base-url>/chat/completions}. */
    URI completionsEndpoint() {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/chat/completions");
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("parley.assistant.openai.model must not be blank");
        }
        this.model = model;
    }

    /** Blank means no Authorization header, for local servers that need none. */
    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey == null ? "" : apiKey.strip();
    }

    /** How long one attempt may take until the response arrives; a timeout is not retried (the customer is waiting). */
    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = positive(timeout, "timeout");
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = positive(connectTimeout, "connect-timeout");
    }

    /** The characters of earlier messages sent along, newest first until the budget is spent. */
    public int getHistoryBudgetChars() {
        return historyBudgetChars;
    }

    public void setHistoryBudgetChars(int historyBudgetChars) {
        if (historyBudgetChars < 0) {
            throw new IllegalArgumentException("parley.assistant.openai.history-budget-chars must not be negative");
        }
        this.historyBudgetChars = historyBudgetChars;
    }

    /** Passages scoring below this are not sent to the model (they would be noise, and would be cited as sources). */
    public double getMinPassageScore() {
        return minPassageScore;
    }

    public void setMinPassageScore(double minPassageScore) {
        if (minPassageScore < 0 || minPassageScore >= 1) {
            throw new IllegalArgumentException("parley.assistant.openai.min-passage-score must be within [0, 1)");
        }
        this.minPassageScore = minPassageScore;
    }

    public Double getTemperature() {
        return temperature;
    }

    public void setTemperature(Double temperature) {
        this.temperature = temperature;
    }

    public Integer getMaxTokens() {
        return maxTokens;
    }

    public void setMaxTokens(Integer maxTokens) {
        this.maxTokens = maxTokens;
    }

    public String getSystemPrompt() {
        return systemPrompt;
    }

    public void setSystemPrompt(String systemPrompt) {
        if (systemPrompt == null || systemPrompt.isBlank()) {
            throw new IllegalArgumentException("parley.assistant.openai.system-prompt must not be blank");
        }
        this.systemPrompt = systemPrompt;
    }

    private static Duration positive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("parley.assistant.openai." + name + " must be positive");
        }
        return value;
    }

    @Override
    public String toString() {
        // the key stays out of any accidental log line
        return "OpenAiSettings[baseUrl=" + baseUrl + ", model=" + model + ", apiKey=" + (apiKey.isEmpty() ? "none" : "***") + "]";
    }
}
