package io.parley.app;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.parley.app.config.LocalRuntime;
import io.parley.app.security.DevTokens;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code parley seed-knowledge [--url http://localhost:8080] [--file articles.json] [--token JWT]}: loads
 * the bundled support articles (or a file of the same shape: a JSON array of
 * {@code {title, content, source_url?, tags?, metadata?, language?}}) into a running Parley through
 * its HTTP API, as an admin.
 *
 * <p>Idempotent: articles whose title the knowledge base already has are skipped, so running it
 * again changes nothing. The admin token is minted with the same secret the service uses
 * ({@code PARLEY_JWT_SECRET}, or the developer secret under {@code ./data}), unless {@code --token}
 * gives one (e.g. for a service that verifies RS256 tokens).
 */
public final class KnowledgeSeedCommand {

    static final String BUNDLED_ARTICLES = "knowledge/seed-articles.json";
    private static final String DOCUMENTS = "/api/v1/knowledge/documents";
    private static final String USAGE = "usage: seed-knowledge [--url http://localhost:8080] [--file articles.json] [--token JWT]";

    private KnowledgeSeedCommand() {
    }

    public static int run(String[] args, LocalRuntime runtime) {
        return run(args, runtime::jwtSecret, System.out, System.err);
    }

    /** @param secret read only when no {@code --token} is given */
    public static int run(String[] args, Supplier<String> secret, PrintStream out, PrintStream err) {
        String url = "http://localhost:8080";
        String file = null;
        String token = null;
        for (int i = 0; i < args.length; i++) {
            if (i + 1 >= args.length) {
                err.println("missing value after " + args[i] + "\n" + USAGE);
                return 2;
            }
            String value = args[++i];
            switch (args[i - 1]) {
                case "--url" -> url = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
                case "--file" -> file = value;
                case "--token" -> token = value;
                default -> {
                    err.println("unknown flag " + args[i - 1] + "\n" + USAGE);
                    return 2;
                }
            }
        }
        JsonMapper json = JsonMapper.createDefault();
        List<Map<String, Object>> articles;
        try {
            articles = json.readValue(read(file), Argument.listOf(Argument.mapOf(String.class, Object.class)));
        } catch (IOException | RuntimeException e) {
            err.println("cannot read the articles from " + (file == null ? "the bundled set" : file) + ": " + e.getMessage());
            return 2;
        }
        if (articles == null || articles.stream().anyMatch(a -> a == null || !(a.get("title") instanceof String))) {
            err.println("the articles must be a JSON array of objects, each with a string title");
            return 2;
        }
        String bearer = token != null ? token
                : new DevTokens(secret.get()).mint("parley-seed-knowledge", List.of("admin"), null, "seed-knowledge", Duration.ofMinutes(15));
        Seeder seeder = new Seeder(URI.create(url), bearer, json);
        try {
            Set<String> present = seeder.existingTitles();
            int created = 0;
            int skipped = 0;
            int failed = 0;
            for (Map<String, Object> article : articles) {
                String title = (String) article.get("title");
                if (!present.add(title)) {
                    skipped++;
                    continue;
                }
                HttpResponse<String> response = seeder.post(article);
                if (response.statusCode() == 201) {
                    created++;
                } else {
                    failed++;
                    err.println("not loaded: \"" + title + "\": HTTP " + response.statusCode() + " " + response.body());
                }
            }
            out.println("Knowledge base at " + url + ": " + created + " article(s) created, " + skipped
                    + " skipped (title already present), " + failed + " failed.");
            return failed == 0 ? 0 : 1;
        } catch (ConnectException e) {
            err.println("cannot reach Parley at " + url + ": is it running? (start it with ./parley)");
            return 1;
        } catch (SeedException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("talking to Parley at " + url + " failed: " + e);
            return 1;
        } catch (RuntimeException e) {
            err.println("unexpected answer from " + url + " (is it Parley?): " + e.getClass().getSimpleName());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static byte[] read(String file) throws IOException {
        if (file != null) {
            return Files.readAllBytes(Path.of(file));
        }
        try (InputStream in = KnowledgeSeedCommand.class.getClassLoader().getResourceAsStream(BUNDLED_ARTICLES)) {
            if (in == null) {
                throw new IOException("the bundled articles are missing from the classpath");
            }
            return in.readAllBytes();
        }
    }

    /** The HTTP side: list every title (following next_cursor), post one article. */
    private static final class Seeder {

        private final URI base;
        private final String bearer;
        private final JsonMapper json;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Seeder(URI base, String bearer, JsonMapper json) {
            this.base = base;
            this.bearer = bearer;
            this.json = json;
        }

        Set<String> existingTitles() throws IOException, InterruptedException {
            Set<String> titles = new HashSet<>();
            String cursor = null;
            do {
                String query = "?limit=200" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
                HttpResponse<String> response = http.send(request(DOCUMENTS + query).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new SeedException("listing the knowledge base failed: HTTP " + response.statusCode() + " " + response.body());
                }
                Map<String, Object> page = json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
                for (Object item : (List<?>) page.get("items")) {
                    titles.add(String.valueOf(((Map<?, ?>) item).get("title")));
                }
                cursor = (String) page.get("next_cursor");
            } while (cursor != null);
            return titles;
        }

        HttpResponse<String> post(Map<String, Object> article) throws IOException, InterruptedException {
            HttpRequest request = request(DOCUMENTS)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(article)))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + bearer)
                    .header("Accept", "application/json");
        }
    }

    private static final class SeedException extends RuntimeException {

        SeedException(String message) {
            super(message, null, false, false);
        }
    }
}
