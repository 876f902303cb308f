package io.parley.pages;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.chat.assistant.SeedArticles;
import io.parley.knowledge.application.port.in.ManageKnowledgeUseCase;
import io.parley.ticketing.TicketingApi;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.parley.app.support.TestHttp.object;
import static io.parley.pages.Browsers.await;
import static io.parley.pages.Browsers.elementWithText;
import static io.parley.pages.Browsers.screenshot;
import static io.parley.pages.Browsers.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent console ({@code /console/}) and the customer chat page ({@code /chat/}) in a real browser
 * (Debian's Chromium, headless), over the real service and PostgreSQL: a customer at 360 px and an agent
 * on a desktop, each in a browser of their own, see each other's messages live. Screenshots of every step
 * go to {@code target/screenshots/}.
 */
@MicronautTest(transactional = false)
@Property(name = "parley.ticketing.handoff.dispatcher.enabled", value = "false")
// the long conversation is written by one guest in one go
@Property(name = "parley.rate-limits.enabled", value = "false")
class PagesBrowserTest extends WebTest {

    static final String PASSWORD = "How do I reset my password?";
    static final String PASSWORD_ARTICLE = "Resetting a forgotten password";
    static final String HUMAN = "Please connect me with a human agent";
    static final String AGENT = TestTokens.withRoles("ada", "agent");
    static final String ADMIN = TestTokens.withRoles("pages-admin", "admin");
    /** What the issue asks of the live path: the agent's reply on the customer's screen within 2 s, no reload. */
    static final Duration LIVE = Duration.ofSeconds(2);

    @Inject
    ManageKnowledgeUseCase knowledge;

    WebDriver customer;
    WebDriver agent;

    /** A failed test leaves both screens behind: {@code target/screenshots/FAILED-<test>-customer|agent.png}. */
    @RegisterExtension
    final TestWatcher screensOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            String name = context.getRequiredTestMethod().getName();
            if (customer != null) {
                screenshot(customer, "FAILED-" + name + "-customer");
            }
            if (agent != null) {
                screenshot(agent, "FAILED-" + name + "-agent");
                Browsers.writeNetworkLog(agent, "FAILED-" + name + "-agent-network");
            }
        }
    };

    /** Once per class, when the fields are injected: the articles, and the two browsers every test shares. */
    void start() {
        SeedArticles.load(knowledge, json);
        customer = Browsers.start(360, 740);
        agent = Browsers.start(1280, 900);
    }

    @AfterAll
    void stop() {
        Browsers.quit(customer);
        Browsers.quit(agent);
    }

    @BeforeEach
    void freshStorage() {
        if (customer == null) {
            start();
        }
        for (WebDriver driver : List.of(customer, agent)) {
            driver.get(url("/chat/"));
            script(driver, "localStorage.clear(); sessionStorage.clear();");
            Browsers.consoleLog(driver);
        }
    }

    // ---- the whole handoff, two browsers

    @Test
    void customerAndAgentTalkLiveFromQuestionToFeedback() throws IOException {
        // the customer asks and gets an answer with its source
        customer.get(url("/chat/"));
        say(customer, PASSWORD);
        WebElement answer = await(customer, "the assistant's answer", d -> d.findElements(By.cssSelector("#messages li.msg-assistant"))
                .stream().findFirst().orElse(null));
        assertEquals(PASSWORD_ARTICLE, answer.findElement(By.cssSelector(".source")).getText());
        screenshot(customer, "e2e-01-customer-answer-with-source");

        // the agent signs in; the queue is there before the ticket exists
        signIn(agent, AGENT);
        screenshot(agent, "e2e-02-agent-queue-before");

        // the customer asks for a person
        say(customer, HUMAN);
        WebElement handoff = await(customer, "the handoff notice", ExpectedConditions.visibilityOfElementLocated(By.id("handoff")));
        await(customer, "the ticket number", d -> !handoff.getDomAttribute("data-ticket-number").isEmpty());
        String number = handoff.getDomAttribute("data-ticket-number");
        assertTrue(handoff.getText().contains("A person from our support team will reply here"), handoff::getText);
        screenshot(customer, "e2e-03-customer-handoff");

        // the ticket appears in the agent's queue without a reload
        WebElement queued = await(agent, "ticket " + number + " in the queue", ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#tickets li[data-ticket-number='" + number + "']")));
        assertTrue(queued.getText().contains(PASSWORD), queued::getText);
        assertTrue(agent.getTitle().matches("\\(\\d+\\) Parley console"), agent.getTitle());
        screenshot(agent, "e2e-04-agent-queue-ticket-arrived");

        // the agent opens it and takes it
        queued.findElement(By.tagName("button")).click();
        await(agent, "the ticket pane", ExpectedConditions.attributeToBe(By.id("ticket-pane"), "data-status", "PENDING_HUMAN_ASSIGNMENT"));
        await(agent, "the transcript", elementWithText(By.cssSelector("#transcript .msg-body"), HUMAN));
        agent.findElement(By.id("take")).click();
        await(agent, "the ticket taken", ExpectedConditions.attributeToBe(By.id("ticket-pane"), "data-status", "ACTIVE_HUMAN_CHAT"));
        await(customer, "the customer told a person joined",
                ExpectedConditions.attributeToBe(By.id("handoff"), "data-status", "ACTIVE_HUMAN_CHAT"));

        // the agent replies; the customer sees it within 2 s without reloading
        String reply = "Hi, I'm Ada from support. Did the reset link arrive?";
        WebElement box = agent.findElement(By.id("reply"));
        box.sendKeys(reply);
        long sentAt = System.currentTimeMillis();
        box.sendKeys(Keys.ENTER);
        WebElement shown = Browsers.waiting(customer, LIVE).withMessage("the agent's reply on the customer's screen within 2 s")
                .until(elementWithText(By.cssSelector("#messages li.msg-agent .msg-body"), reply));
        long latency = Long.parseLong(shown.findElement(By.xpath("./..")).getDomAttribute("data-shown-at")) - sentAt;
        recordLatency(latency);
        screenshot(agent, "e2e-05-agent-replied");
        screenshot(customer, "e2e-06-customer-sees-reply");
        WebElement agentMessage = await(agent, "the reply in the agent's transcript",
                elementWithText(By.cssSelector("#transcript li.msg-agent .msg-body"), reply)).findElement(By.xpath("./.."));
        assertEquals("agent:ada", agentMessage.getDomAttribute("data-author"));
        assertEquals("Agent ada", agentMessage.findElement(By.className("msg-author")).getText());

        // the customer writes back; the agent sees it live
        String thanks = "Thanks Ada, the link arrived and it worked!";
        say(customer, thanks);
        await(agent, "the customer's answer in the console", elementWithText(By.cssSelector("#transcript li.msg-customer .msg-body"), thanks));
        screenshot(agent, "e2e-07-agent-sees-customer");

        // the agent closes as resolved; the customer is told and leaves feedback
        agent.findElement(By.id("resolve")).click();
        await(agent, "the ticket resolved", ExpectedConditions.attributeToBe(By.id("ticket-pane"), "data-status", "CLOSED_RESOLVED"));
        await(customer, "the customer told it is resolved",
                ExpectedConditions.attributeToBe(By.id("handoff"), "data-status", "CLOSED_RESOLVED"));
        screenshot(agent, "e2e-08-agent-closed");
        customer.findElement(By.cssSelector("label[for='rating-5']")).click();
        customer.findElement(By.id("comment")).sendKeys("Quick and friendly, thank you.");
        customer.findElement(By.id("send-feedback")).click();
        await(customer, "the feedback saved", ExpectedConditions.attributeToBe(By.id("feedback-status"), "data-rating", "5"));
        screenshot(customer, "e2e-09-customer-feedback");
        assertNoPageErrors();
    }

    // ---- the customer page

    @Test
    void aReloadContinuesTheConversation() {
        customer.get(url("/chat/"));
        say(customer, PASSWORD);
        await(customer, "the answer", d -> d.findElements(By.cssSelector("#messages li.msg-assistant")).size() == 1);
        String session = (String) script(customer, "return localStorage.getItem('parley.chat.session')");
        assertNotNull(session);

        customer.navigate().refresh();
        await(customer, "the conversation after the reload", elementWithText(By.cssSelector("#messages .msg-body"), PASSWORD));
        await(customer, "the answer after the reload", d -> d.findElements(By.cssSelector("#messages li.msg-assistant")).size() == 1);
        say(customer, "And where do I change my email address?");
        await(customer, "the second answer", d -> d.findElements(By.cssSelector("#messages li.msg")).size() == 4);
        assertEquals(session, script(customer, "return localStorage.getItem('parley.chat.session')"));
        Map<String, Object> conversation = http.get("/api/v1/sessions/" + session, null).map();
        assertEquals(4, ((Number) conversation.get("message_count")).intValue());
        screenshot(customer, "chat-reload-continues");
        assertNoPageErrors();
    }

    @Test
    void hostileMessagesShowAsTextOnBothPages() {
        String hostile = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\"> <b>bold?</b>";
        customer.get(url("/chat/"));
        say(customer, HUMAN);
        await(customer, "the handoff", ExpectedConditions.visibilityOfElementLocated(By.id("handoff")));
        say(customer, hostile);
        await(customer, "the hostile message as text", elementWithText(By.cssSelector("#messages li.msg-customer .msg-body"), hostile));
        assertInert(customer, "#messages");
        screenshot(customer, "chat-hostile-as-text");

        String session = (String) script(customer, "return localStorage.getItem('parley.chat.session')");
        String ticketId = (String) http.get("/api/v1/sessions/" + session + "/ticket", null).field("id");
        signIn(agent, AGENT);
        agent.get(url("/console/#ticket=" + ticketId));
        await(agent, "the hostile message in the console", elementWithText(By.cssSelector("#transcript li.msg-customer .msg-body"), hostile));
        assertInert(agent, "#transcript");
        screenshot(agent, "console-hostile-as-text");
        assertNoPageErrors();
    }

    @Test
    void theChatAndTheSignInWorkWithTheKeyboardAlone() {
        customer.get(url("/chat/"));
        List<String> order = tabOrder(customer, 4);
        assertEquals(List.of("new-chat", "messages", "message", "send"), order, "the chat page's focus order");
        // from the top of the page: Tab to the message box, type, Enter sends
        customer.get(url("/chat/"));
        tab(customer, 3);
        new Actions(customer).sendKeys(PASSWORD).sendKeys(Keys.ENTER).perform();
        await(customer, "the answer", d -> d.findElements(By.cssSelector("#messages li.msg-assistant")).size() == 1);
        assertEquals("message", script(customer, "return document.activeElement.id"), "the focus stays in the message box");
        // the rating: Tab to the summary, Enter opens it, Tab into the ratings, arrows choose, Tab on to the button, Enter sends
        tab(customer, 2);
        assertEquals("SUMMARY", script(customer, "return document.activeElement.tagName"));
        new Actions(customer).sendKeys(Keys.ENTER).sendKeys(Keys.TAB).sendKeys(Keys.SPACE)
                .sendKeys(Keys.ARROW_RIGHT).sendKeys(Keys.ARROW_RIGHT).sendKeys(Keys.ARROW_RIGHT)
                .sendKeys(Keys.TAB).sendKeys("Found it myself.").sendKeys(Keys.TAB).sendKeys(Keys.ENTER).perform();
        await(customer, "the feedback saved", ExpectedConditions.attributeToBe(By.id("feedback-status"), "data-rating", "4"));

        agent.get(url("/console/"));
        await(agent, "the sign-in form", ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        assertEquals("token", script(agent, "return document.activeElement.id"), "the token field has the focus");
        new Actions(agent).sendKeys(AGENT).sendKeys(Keys.ENTER).perform();
        await(agent, "the workspace", ExpectedConditions.visibilityOfElementLocated(By.id("workspace")));
        assertEquals("list-title", script(agent, "return document.activeElement.id"), "signed in, the focus goes to the queue");
        agent.navigate().refresh();
        await(agent, "the workspace after a reload", ExpectedConditions.visibilityOfElementLocated(By.id("workspace")));
        List<String> console = tabOrder(agent, 5);
        assertEquals(List.of("sign-out", "view-queue", "view-mine", "view-closed", "take-next"), console, "the console's focus order");
        assertNoPageErrors();
    }

    @Test
    void aLongConversationOpensOnItsLatestMessagesAndPagesBackwards() {
        Map<String, Object> turn = http.post("/api/v1/chat", null, object("message", "message 1")).map();
        String session = (String) turn.get("session_id");
        for (int i = 2; i <= 119; i++) {
            assertEquals(201, http.post("/api/v1/sessions/" + session + "/messages", null, object("content", "message " + i)).status());
        }
        String ticketId = (String) http.post("/api/v1/sessions/" + session + "/escalate", null, object("reason", "long")).field("id");

        signIn(agent, AGENT);
        agent.get(url("/console/#ticket=" + ticketId));
        await(agent, "the newest message", elementWithText(By.cssSelector("#transcript .msg-body"), "message 119"));
        assertEquals(50, agent.findElements(By.cssSelector("#transcript li.msg")).size());
        agent.findElement(By.id("earlier")).click();
        await(agent, "the page before", d -> d.findElements(By.cssSelector("#transcript li.msg")).size() == 100);
        agent.findElement(By.id("earlier")).click();
        await(agent, "the first message", elementWithText(By.cssSelector("#transcript .msg-body"), "message 1"));
        assertEquals(120, agent.findElements(By.cssSelector("#transcript li.msg")).size());
        await(agent, "no more pages", ExpectedConditions.invisibilityOfElementLocated(By.id("earlier")));
        List<String> seqs = agent.findElements(By.cssSelector("#transcript li.msg")).stream().map(e -> e.getDomAttribute("data-seq")).toList();
        assertEquals("1", seqs.get(0));
        assertEquals("120", seqs.get(119));
        assertNoPageErrors();
    }

    // ---- the console

    @Test
    void theConsoleRefusesTokensWithoutTheAgentRole() {
        agent.get(url("/console/"));
        enterToken(agent, TestTokens.user("pages-customer"));
        WebElement error = await(agent, "the refusal", ExpectedConditions.visibilityOfElementLocated(By.id("signin-error")));
        assertTrue(error.getText().contains("neither an agent nor an admin"), error::getText);
        assertFalse(agent.findElement(By.id("workspace")).isDisplayed());
        assertEquals(null, script(agent, "return sessionStorage.getItem('parley.console.token')"));
        screenshot(agent, "console-user-token-refused");

        enterToken(agent, TestTokens.signedWithAnotherSecret("mallory"));
        await(agent, "the refusal of a forged token", d -> d.findElement(By.id("signin-error")).getText().contains("did not accept"));
        assertFalse(agent.findElement(By.id("workspace")).isDisplayed());
        assertNoPageErrors();
    }

    @Test
    void aTicketTheCustomerClosedLeavesTheQueueAndNeverComesBackAsPending() {
        signIn(agent, AGENT);
        customer.get(url("/chat/"));
        say(customer, HUMAN);
        WebElement handoff = await(customer, "the handoff", ExpectedConditions.visibilityOfElementLocated(By.id("handoff")));
        await(customer, "the ticket number", d -> !handoff.getDomAttribute("data-ticket-number").isEmpty());
        String number = handoff.getDomAttribute("data-ticket-number");
        By inQueue = By.cssSelector("#tickets li[data-ticket-number='" + number + "']");
        await(agent, "the ticket in the queue", ExpectedConditions.presenceOfElementLocated(inQueue));

        customer.findElement(By.id("close-ticket")).click();
        await(customer, "the ticket closed", ExpectedConditions.attributeToBe(By.id("handoff"), "data-status", "CLOSED_BY_CLIENT"));
        await(agent, "the ticket gone from the queue", ExpectedConditions.numberOfElementsToBe(inQueue, 0));
        screenshot(agent, "console-queue-after-customer-closed");

        agent.navigate().refresh();
        await(agent, "the queue reloaded", ExpectedConditions.visibilityOfElementLocated(By.id("workspace")));
        await(agent, "the queue count", d -> !d.findElement(By.id("queue-count")).getText().isEmpty());
        assertTrue(agent.findElements(inQueue).isEmpty(), "a closed ticket is listed as waiting");
        agent.findElement(By.cssSelector("button.view[data-view='closed']")).click();
        WebElement closed = await(agent, "the ticket among the closed", ExpectedConditions.presenceOfElementLocated(inQueue));
        assertEquals("CLOSED_BY_CLIENT", closed.getDomAttribute("data-status"));
        assertNoPageErrors();
    }

    @Test
    void leavingThePageLetsItsStreamsGoAndComingBackIsLiveAgain() {
        Map<String, Object> turn = http.post("/api/v1/chat", null, object("message", HUMAN)).map();
        String session = (String) turn.get("session_id");
        String ticketId = (String) http.get("/api/v1/sessions/" + session + "/ticket", null).field("id");
        signIn(agent, AGENT);
        // each visit holds two streams (queue and conversation); a browser has six connections per host over
        // HTTP/1.1, so streams kept by pages left behind would soon stall every request of the console
        for (int visit = 1; visit <= 4; visit++) {
            agent.get(url("/chat/"));
            agent.get(url("/console/#ticket=" + ticketId));
            await(agent, "the conversation live, visit " + visit, ExpectedConditions.attributeToBe(By.id("ticket-pane"), "data-live", "open"));
        }
        String first = "Are you still there?";
        assertEquals(200, http.post("/api/v1/chat", null, object("session_id", session, "message", first)).status());
        await(agent, "the customer's message, live", elementWithText(By.cssSelector("#transcript li.msg-customer .msg-body"), first));

        // away and back (from the back/forward cache or loaded again): live again
        agent.get(url("/chat/"));
        agent.navigate().back();
        await(agent, "the conversation live again", ExpectedConditions.attributeToBe(By.id("ticket-pane"), "data-live", "open"));
        String second = "Hello? Anyone?";
        assertEquals(200, http.post("/api/v1/chat", null, object("session_id", session, "message", second)).status());
        await(agent, "the next message, live", elementWithText(By.cssSelector("#transcript li.msg-customer .msg-body"), second));
        agent.findElement(By.id("take")).click();
        await(agent, "taken", ExpectedConditions.attributeToBe(By.id("ticket-pane"), "data-status", "ACTIVE_HUMAN_CHAT"));
        agent.findElement(By.id("resolve")).click();
        await(agent, "resolved", ExpectedConditions.attributeToBe(By.id("ticket-pane"), "data-status", "CLOSED_RESOLVED"));
        assertNoPageErrors();
    }

    @Test
    void takeNextClaimsTheMostUrgentTicketWhichCanBeReprioritisedReleasedAndResolved() {
        TicketingApi.emptyTheQueue(); // tickets other test classes left waiting in this run's database
        Map<String, Object> turn = http.post("/api/v1/chat", null, object("message", HUMAN)).map();
        @SuppressWarnings("unchecked")
        String ticketId = (String) ((Map<String, Object>) turn.get("handoff")).get("ticket_id");
        Map<String, Object> ticket = http.get("/api/v1/tickets/" + ticketId, ADMIN).map();
        assertEquals(200, http.patch("/api/v1/tickets/" + ticketId, ADMIN, object("priority", "urgent", "version", ticket.get("version"))).status());

        signIn(agent, AGENT);
        agent.findElement(By.id("take-next")).click();
        await(agent, "the claimed ticket", ExpectedConditions.attributeToBe(By.id("ticket-pane"), "data-ticket-id", ticketId));
        await(agent, "taken", ExpectedConditions.attributeToBe(By.id("ticket-pane"), "data-status", "ACTIVE_HUMAN_CHAT"));

        new org.openqa.selenium.support.ui.Select(agent.findElement(By.id("priority"))).selectByValue("high");
        agent.findElement(By.id("set-priority")).click();
        await(agent, "the new priority", d -> "high".equals(http.get("/api/v1/tickets/" + ticketId, ADMIN).field("priority")));

        agent.findElement(By.id("release")).click();
        await(agent, "released", ExpectedConditions.attributeToBe(By.id("ticket-pane"), "data-status", "PENDING_HUMAN_ASSIGNMENT"));
        await(agent, "back in the queue", ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tickets li[data-ticket-id='" + ticketId + "']")));
        agent.findElement(By.id("take")).click();
        await(agent, "taken again", ExpectedConditions.attributeToBe(By.id("ticket-pane"), "data-status", "ACTIVE_HUMAN_CHAT"));
        agent.findElement(By.cssSelector("button.view[data-view='mine']")).click();
        await(agent, "among my tickets", ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tickets li[data-ticket-id='" + ticketId + "']")));
        agent.findElement(By.id("resolve")).click();
        await(agent, "resolved", ExpectedConditions.attributeToBe(By.id("ticket-pane"), "data-status", "CLOSED_RESOLVED"));

        agent.findElement(By.cssSelector("#history-box summary")).click();
        await(agent, "the history", d -> d.findElements(By.cssSelector("#history li")).size() >= 5);
        String history = agent.findElement(By.id("history")).getText();
        assertTrue(history.contains("by agent:ada"), history);
        screenshot(agent, "console-ticket-history");
        assertNoPageErrors();
    }

    @Test
    void bothPagesFitAPhoneScreenOf360Pixels() {
        assertEquals(360L, script(customer, "return window.innerWidth"));
        customer.get(url("/chat/"));
        say(customer, "A-very-long-word-without-any-break-" + "x".repeat(120));
        await(customer, "the answer", d -> d.findElements(By.cssSelector("#messages li.msg-assistant")).size() == 1);
        assertFitsTheScreen(customer, "/chat/");

        Map<String, Object> turn = http.post("/api/v1/chat", null, object("message", HUMAN)).map();
        String ticketId = (String) http.get("/api/v1/sessions/" + turn.get("session_id") + "/ticket", null).field("id");
        signIn(customer, AGENT);
        assertFitsTheScreen(customer, "the console's queue");
        customer.get(url("/console/#ticket=" + ticketId));
        await(customer, "the ticket", elementWithText(By.cssSelector("#transcript .msg-body"), HUMAN));
        assertFitsTheScreen(customer, "a ticket in the console");
        screenshot(customer, "console-at-360px");
        script(customer, "sessionStorage.clear()");
    }

    @Test
    void thePagesRunUnderTheirContentSecurityPolicyWithoutInlineCode() {
        for (String page : List.of("/chat/", "/console/")) {
            customer.get(url(page));
            await(customer, "the page's module ran", d -> "true".equals(script(d, "return document.documentElement.dataset.ready")));
            assertEquals(0L, script(customer, "return document.querySelectorAll('script:not([src]), style, [style]').length"), page);
            assertEquals(0L, script(customer, "return Array.from(document.querySelectorAll('*')).filter(e => "
                    + "Array.from(e.attributes).some(a => a.name.startsWith('on'))).length"), page);
            // an inline script injected now is refused by the policy the server sent
            script(customer, "const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.head.append(s);");
            assertEquals(null, script(customer, "return window.__inline === undefined ? null : window.__inline"), page);
            List<LogEntry> log = Browsers.consoleLog(customer);
            assertTrue(log.stream().anyMatch(e -> e.getMessage().contains("Content Security Policy")), page + ": " + log);
        }
    }

    // ---- the stream reader, against a scripted server (fetch replaced in the page)

    @Test
    @SuppressWarnings("unchecked")
    void theStreamReaderParsesTheFormatAndResumesAfterTheLastDispatchedId() {
        customer.get(url("/chat/"));
        String run = """
                const done = arguments[arguments.length - 1];
                (async () => {
                  const { openEventStream } = await import('../assets/sse.js');
                  const connections = [];
                  const scripted = [
                    // the first connection: a comment, events split across chunks and line endings, then it ends mid-event
                    [': keep-alive\\r\\n', 'id: 1\\r\\nevent: message.created\\r\\ndata: {"a":', '1}\\r\\n\\r\\nid: 2\\nevent: ticket.updated\\n',
                     'data: line one\\ndata: line two\\n\\n', 'data: no new id\\r', '\\n\\r\\nretry: 10\\n\\n', 'id: 3\\nevent: cut\\ndata: never dispatched'],
                    // the second: refused for a while
                    503,
                    // the third: resumes after 2 and stays open
                    ['id: 4\\nevent: message.created\\ndata: after the gap\\n\\n'],
                  ];
                  const encoder = new TextEncoder();
                  window.fetch = async (url, init) => {
                    const step = scripted[connections.length];
                    connections.push({ url, lastEventId: init.headers['Last-Event-ID'] ?? null, auth: init.headers.Authorization ?? null });
                    if (typeof step === 'number') return new Response('{}', { status: step, headers: { 'Content-Type': 'application/problem+json' } });
                    const last = connections.length === 1;
                    return new Response(new ReadableStream({
                      async start(controller) {
                        for (const chunk of step) {
                          controller.enqueue(encoder.encode(chunk));
                          await new Promise((resolve) => setTimeout(resolve, 5));
                        }
                        if (last) controller.close();
                      },
                    }), { headers: { 'Content-Type': 'text/event-stream' } });
                  };
                  const events = [];
                  const opens = [];
                  const stream = openEventStream('/api/v1/test/events', {
                    headers: () => ({ Authorization: 'Bearer t' }),
                    initialDelay: 10,
                    onOpen: (info) => opens.push(info.resumed),
                    onEvent: (event) => {
                      events.push(event);
                      if (event.data === 'after the gap') {
                        stream.close();
                        done({ events, opens, connections, lastEventId: stream.lastEventId });
                      }
                    },
                  });
                })().catch((error) => done({ error: String(error) }));
                """;
        Map<String, Object> result = (Map<String, Object>) ((org.openqa.selenium.JavascriptExecutor) customer).executeAsyncScript(run);
        assertEquals(null, result.get("error"));
        List<Map<String, Object>> events = (List<Map<String, Object>>) result.get("events");
        assertEquals(List.of("message.created", "ticket.updated", "message", "message.created"), events.stream().map(e -> e.get("type")).toList());
        assertEquals(List.of("{\"a\":1}", "line one\nline two", "no new id", "after the gap"), events.stream().map(e -> e.get("data")).toList());
        assertEquals(Arrays.asList("1", "2", "2", "4"), events.stream().map(e -> e.get("id")).toList());
        List<Map<String, Object>> connections = (List<Map<String, Object>>) result.get("connections");
        // the half-received event 3 was never dispatched: the reconnections resume after 2, with the header, not the URL
        assertEquals(Arrays.asList(null, "2", "2"), connections.stream().map(c -> c.get("lastEventId")).toList());
        assertTrue(connections.stream().allMatch(c -> "Bearer t".equals(c.get("auth")) && "/api/v1/test/events".equals(c.get("url"))));
        assertEquals(List.of(false, true), result.get("opens"));
        assertEquals("4", result.get("lastEventId"));
    }

    // ---- helpers

    String url(String path) {
        return server.getURL() + path;
    }

    static void say(WebDriver driver, String text) {
        WebElement box = driver.findElement(By.id("message"));
        await(driver, "the message box", ExpectedConditions.elementToBeClickable(box));
        box.sendKeys(text);
        box.sendKeys(Keys.ENTER);
        await(driver, "the message sent", elementWithText(By.cssSelector("#messages li.msg-customer .msg-body"), text));
    }

    void signIn(WebDriver driver, String token) {
        driver.get(url("/console/"));
        enterToken(driver, token);
        await(driver, "the workspace", ExpectedConditions.visibilityOfElementLocated(By.id("workspace")));
        await(driver, "the queue count", d -> !d.findElement(By.id("queue-count")).getText().isEmpty());
    }

    static void enterToken(WebDriver driver, String token) {
        WebElement field = await(driver, "the sign-in form", ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        field.clear();
        field.sendKeys(token);
        field.sendKeys(Keys.ENTER);
    }

    static void tab(WebDriver driver, int times) {
        Actions keys = new Actions(driver);
        for (int i = 0; i < times; i++) {
            keys.sendKeys(Keys.TAB);
        }
        keys.perform();
    }

    /** The ids of the first {@code count} elements Tab reaches from where the page put the focus (a fresh page: its top). */
    static List<String> tabOrder(WebDriver driver, int count) {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            ids.add((String) script(driver, "const e = document.activeElement; return e.id || (e.dataset.view ? 'view-' + e.dataset.view : e.tagName)"));
        }
        return ids;
    }

    /** Nothing sticks out sideways: no horizontal scrolling at this width. */
    static void assertFitsTheScreen(WebDriver driver, String what) {
        Object overflow = script(driver, "return document.documentElement.scrollWidth - window.innerWidth");
        assertEquals(0L, overflow, what + " is wider than the screen");
    }

    /** Nothing of a message became markup: no element inside any message body, and no script ran. */
    static void assertInert(WebDriver driver, String list) {
        assertEquals(0L, script(driver, "return document.querySelectorAll(arguments[0] + ' .msg-body *').length", list));
        assertEquals(0L, script(driver, "return document.querySelectorAll(arguments[0] + ' img, ' + arguments[0] + ' script').length", list));
        assertEquals(null, script(driver, "return window.__pwned === undefined ? null : window.__pwned"));
    }

    /** No script error and no policy violation in either browser during the test. */
    void assertNoPageErrors() {
        for (WebDriver driver : List.of(customer, agent)) {
            List<LogEntry> severe = Browsers.consoleLog(driver).stream()
                    .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                    // a refused request (401/404/409 the test provoked) is reported by the browser itself, not a page error
                    .filter(e -> !e.getMessage().contains("Failed to load resource"))
                    .toList();
            assertTrue(severe.isEmpty(), severe::toString);
        }
    }

    static void recordLatency(long millis) throws IOException {
        System.out.println("[pages] agent send -> customer screen: " + millis + " ms");
        Files.createDirectories(Browsers.SCREENSHOTS);
        Files.writeString(Browsers.SCREENSHOTS.resolve("send-to-screen-latency.txt"),
                "agent send -> customer screen: " + millis + " ms\n");
    }
}
