package io.parley.app.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may frame the chat page is configuration; the console is never framed; a bad setting stops the start. */
class PageHeadersFilterTest {

    @Test
    void theChatPageTakesTheConfiguredFrameAncestorsAndTheConsoleNone() {
        PageHeadersFilter filter = new PageHeadersFilter("'self' https://www.example.com");

        MutableHttpResponse<?> chat = HttpResponse.ok();
        filter.headers(HttpRequest.GET("/chat/index.html"), chat);
        assertTrue(chat.getHeaders().get("Content-Security-Policy").endsWith("frame-ancestors 'self' https://www.example.com"),
                chat.getHeaders().get("Content-Security-Policy"));
        assertNull(chat.getHeaders().get("X-Frame-Options"));

        for (String path : new String[] {"/console/", "/console/console.js", "/assets/sse.js"}) {
            MutableHttpResponse<?> other = HttpResponse.ok();
            filter.headers(HttpRequest.GET(path), other);
            assertTrue(other.getHeaders().get("Content-Security-Policy").endsWith("frame-ancestors 'none'"), path);
            assertEquals("DENY", other.getHeaders().get("X-Frame-Options"), path);
            assertEquals("nosniff", other.getHeaders().get("X-Content-Type-Options"), path);
            assertEquals("no-referrer", other.getHeaders().get("Referrer-Policy"), path);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "*; script-src *", "'self', https://a.example", "https://a.example\r\nX-Evil: 1", "'self';"})
    void aSettingThatCouldChangeTheRestOfThePolicyIsRefused(String ancestors) {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new PageHeadersFilter(ancestors));
        assertTrue(refused.getMessage().contains("parley.web.chat.frame-ancestors"));
    }

    @Test
    void thePagePathsWithoutTheirSlashRedirectRelativelyKeepingTheQuery() {
        PageHeadersFilter filter = new PageHeadersFilter("*");
        HttpResponse<?> redirect = filter.directory(HttpRequest.GET("/chat?lang=de"));
        assertEquals(HttpStatus.PERMANENT_REDIRECT, redirect.getStatus());
        assertEquals("chat/?lang=de", redirect.getHeaders().get("Location"));
        assertEquals("console/", filter.directory(HttpRequest.GET("/console")).getHeaders().get("Location"));
        assertNull(filter.directory(HttpRequest.GET("/console/")));
        assertEquals(HttpStatus.METHOD_NOT_ALLOWED, filter.directory(HttpRequest.POST("/console/", "")).getStatus());
    }
}
