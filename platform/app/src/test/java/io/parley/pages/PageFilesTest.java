package io.parley.pages;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.TestHttp;
import io.parley.app.support.WebTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page files as the service serves them, read without a browser: the security headers, no inline
 * code anywhere (parsed HTML), nothing fetched from another host, every control labelled, no script
 * that writes HTML, and the API still closed to whoever only loaded a page.
 */
@MicronautTest(transactional = false)
class PageFilesTest extends WebTest {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:";
    /** Ways of turning text into markup or code. Data goes in with textContent and text nodes only. */
    static final Pattern HTML_SINKS = Pattern.compile(
            "\\.innerHTML|\\.outerHTML|insertAdjacentHTML|document\\.write|\\beval\\s*\\(|new\\s+Function\\s*\\(|createContextualFragment"
                    + "|DOMParser|setTimeout\\s*\\(\\s*['\"`]|setInterval\\s*\\(\\s*['\"`]|\\.srcdoc");
    static final Pattern IMPORT = Pattern.compile("\\bimport\\s[^;]*?from\\s*['\"]([^'\"]+)['\"]|\\bimport\\s*\\(\\s*['\"]([^'\"]+)['\"]");


    @ParameterizedTest
    @ValueSource(strings = {"/console/", "/console/index.html", "/console/console.js", "/console/auth.js", "/chat/", "/chat/chat.js",
            "/assets/style.css", "/assets/sse.js", "/assets/api.js", "/assets/dom.js", "/assets/transcript.js"})
    void everyPageFileIsServedWithoutATokenUnderThePolicy(String path) {
        TestHttp.Reply reply = http.get(path, null);
        assertEquals(200, reply.status(), path);
        String policy = reply.header("Content-Security-Policy");
        assertTrue(policy != null && policy.startsWith(POLICY), path + ": " + policy);
        assertTrue(policy.contains("frame-ancestors " + (path.startsWith("/chat/") ? "*" : "'none'")), policy);
        assertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval"), policy);
        assertEquals("nosniff", reply.header("X-Content-Type-Options"));
        assertEquals("no-referrer", reply.header("Referrer-Policy"));
        String type = reply.contentType();
        String expected = path.endsWith(".js") ? "application/javascript" : path.endsWith(".css") ? "text/css" : "text/html";
        assertTrue(type.startsWith(expected), path + " is served as " + type);
    }

    @Test
    void thePagePathsWithoutASlashRedirectToThePages() {
        TestHttp.Reply console = http.get("/console", null);
        assertEquals(308, console.status());
        assertEquals("console/", console.header("Location"));
        assertEquals("chat/", http.get("/chat", null).header("Location"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console/../api/v1/tickets", "/console/%2e%2e/api/v1/tickets", "/assets/..%2f..%2fapplication.yml",
            "/chat/..%2fconsole%2findex.html", "/assets/", "/console/missing.js", "/assets/../application.yml"})
    void nothingButThePageFilesIsServedFromThere(String path) {
        TestHttp.Reply reply = http.send("GET", path, null, null, null);
        assertNotEquals(200, reply.status(), path + " -> " + reply);
    }

    @Test
    void loadingAPageOpensNoApi() {
        assertEquals(401, http.get("/api/v1/tickets", null).status());
        assertEquals(401, http.send("POST", "/api/v1/tickets/claim", null, null, null).status());
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            TestHttp.Reply reply = http.send(method, "/console/index.html", null, "application/json", "{}".getBytes());
            assertEquals(405, reply.status(), method + " -> " + reply);
            assertTrue(reply.isProblem(), reply::toString);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console/", "/chat/"})
    void theHtmlCarriesNoInlineCodeAndLoadsOnlyFromItsOwnOrigin(String path) {
        Document page = Jsoup.parse(http.get(path, null).body());
        for (Element script : page.select("script")) {
            assertTrue(script.hasAttr("src"), "inline script in " + path + ": " + script);
            assertEquals("module", script.attr("type"), path);
            assertTrue(script.data().isBlank(), path);
            assertSameOrigin(path, script.attr("src"));
        }
        assertTrue(page.select("style").isEmpty(), "a <style> element in " + path);
        assertTrue(page.select("[style]").isEmpty(), "a style attribute in " + path);
        for (Element element : page.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                assertFalse(attribute.getKey().toLowerCase().startsWith("on"), "an event handler attribute in " + path + ": " + element);
                assertFalse(attribute.getValue().trim().toLowerCase().startsWith("javascript:"), path + ": " + element);
            }
        }
        for (Element linked : page.select("[src], link[href]")) {
            assertSameOrigin(path, linked.hasAttr("src") ? linked.attr("src") : linked.attr("href"));
        }
        assertEquals("en", page.select("html").attr("lang"));
        assertFalse(page.select("meta[name=viewport]").isEmpty(), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console/", "/chat/"})
    void everyControlHasALabel(String path) {
        Document page = Jsoup.parse(http.get(path, null).body());
        for (Element control : page.select("input, textarea, select")) {
            String id = control.id();
            boolean labelled = !id.isEmpty() && !page.select("label[for=" + id + "]").isEmpty()
                    || control.hasAttr("aria-label") || control.hasAttr("aria-labelledby");
            assertTrue(labelled, "no label for " + control + " in " + path);
        }
        for (Element button : page.select("button")) {
            assertFalse(button.text().isBlank() && !button.hasAttr("aria-label"), "a button without a name in " + path + ": " + button);
            assertTrue(button.hasAttr("type"), "a button without a type in " + path + ": " + button);
        }
        Element log = page.selectFirst("[role=log]");
        assertTrue(log != null && "polite".equals(log.attr("aria-live")) && log.hasAttr("aria-label"), "the messages are no live region in " + path);
    }

    @Test
    void noScriptWritesHtmlAndEveryImportStaysOnTheOrigin() {
        List<Path> scripts = pageFiles(".js");
        assertTrue(scripts.size() >= 6, scripts::toString);
        for (Path script : scripts) {
            String source = read(script);
            Matcher sink = HTML_SINKS.matcher(source);
            assertFalse(sink.find(), () -> script.getFileName() + " turns text into markup or code: " + sink.group());
            Matcher imports = IMPORT.matcher(source);
            while (imports.find()) {
                String target = imports.group(1) != null ? imports.group(1) : imports.group(2);
                assertTrue(target.startsWith("./") || target.startsWith("../"), script.getFileName() + " imports " + target);
            }
            assertFalse(source.contains("http://") || source.contains("https://"), script.getFileName() + " names another host");
        }
        for (Path css : pageFiles(".css")) {
            String source = read(css);
            assertFalse(source.contains("@import") || source.contains("url(http") || source.contains("url(//"), css.getFileName().toString());
        }
    }

    static void assertSameOrigin(String page, String reference) {
        assertFalse(reference.isBlank(), page);
        assertFalse(reference.startsWith("//") || reference.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*"), page + " loads " + reference);
    }

    static List<Path> pageFiles(String suffix) {
        try {
            Path root = Path.of(PageFilesTest.class.getClassLoader().getResource("public").toURI());
            try (Stream<Path> files = Files.walk(root)) {
                return new ArrayList<>(files.filter(f -> f.toString().endsWith(suffix)).sorted().toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
