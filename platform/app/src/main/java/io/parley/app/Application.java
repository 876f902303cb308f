package io.parley.app;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.EmbeddedApplication;
import io.micronaut.runtime.Micronaut;
import io.parley.app.config.LocalRuntime;
import io.parley.app.security.DevTokenCommand;
import io.parley.retention.api.RetentionCommand;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

/**
 * Parley's entry point.
 *
 * <pre>
 *   java -jar parley.jar                              # serve the API
 *   java -jar parley.jar token --sub alice --roles admin
 *   java -jar parley.jar retention [--dry-run]       # one retention run, no HTTP server; exit 0/1, 3 = locked
 *   java -jar parley.jar seed-knowledge [--url http://localhost:8080]   # load the support articles into a running Parley
 * </pre>
 */
@OpenAPIDefinition(
        info = @Info(title = "Parley", version = "1", description = Application.API_DESCRIPTION),
        servers = @Server(url = "/", description = "this Parley instance"),
        tags = {
                @Tag(name = "chat", description = "The assistant's front door: a customer's message in, the reply out, a handoff when a person is needed"),
                @Tag(name = "conversations", description = "Conversations and their append-only messages, transcripts, feedback and erasure (token needed)"),
                @Tag(name = "sessions", description = "The guest routes: the session_id is the capability for its one conversation, no token needed"),
                @Tag(name = "tickets", description = "Escalation to human support, the agent queue, ticket workflow and handoffs to helpdesks"),
                @Tag(name = "traces", description = "What the AI agent did for each answer: span ingestion and span trees"),
                @Tag(name = "knowledge", description = "The knowledge base the assistant answers from: admins write, everyone reads and searches"),
                @Tag(name = "admin", description = "Operators: API and feedback statistics, the retention job"),
                @Tag(name = "operations", description = "Health, metrics and this document")
        })
@SecurityScheme(name = "bearerAuth", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An HS256 JWT signed with the service's secret (PARLEY_JWT_SECRET); `./parley token --sub alice --roles user` "
                + "mints one for development. Claims: `sub`, `roles` (user, agent, admin, service; none means user), optional "
                + "`email` and `name`. A token that is present but invalid is 401 on every route, guest routes included.")
public final class Application {

    /** The document's introduction: the conventions every operation follows (docs/api.md has them in full). */
    static final String API_DESCRIPTION = """
            Conversation store and support-workflow backend of an AI customer-support assistant.

            The whole contract, with the rules behind each status, is docs/api.md in the repository. In short:
            bodies are JSON with snake_case members, and every response member is present (null when the service has
            no value). Timestamps are RFC 3339 in UTC. Ids are UUIDs, except a ticket's `number` and the guest
            `session_id`. Lists are `{"items": [...], "next_cursor": "..." | null}` with `limit` 1..200 and an opaque
            `cursor`. Every error is `application/problem+json`. Besides the errors listed per operation, any route may
            answer 406 (an Accept it cannot produce), 414, 431, 500 and 503; every response carries `X-Request-Id`.
            Someone else's data is 404, exactly like data that does not exist.
            """;

    private Application() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 || args[0].startsWith("-") ? "serve" : args[0];
        String[] rest = args.length == 0 || args[0].startsWith("-") ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "serve" -> serve(rest);
            case "token" -> System.exit(DevTokenCommand.run(rest, LocalRuntime.fromEnvironment()));
            case "retention" -> System.exit(RetentionCommand.run(rest, LocalRuntime.fromEnvironment()::contextProperties));
            case "seed-knowledge" -> System.exit(KnowledgeSeedCommand.run(rest, LocalRuntime.fromEnvironment()));
            default -> {
                LoggerFactory.getLogger(Application.class).error(
                        "unknown command '{}': use serve (default), token, retention or seed-knowledge", command);
                System.exit(2);
            }
        }
    }

    private static void serve(String[] args) {
        LocalRuntime runtime = LocalRuntime.fromEnvironment();
        ApplicationContext context = Micronaut.build(args)
                .mainClass(Application.class)
                .properties(runtime.contextProperties())
                .banner(false)
                .start();
        // the embedded application, not the context: Micronaut's own shutdown hook stops it (server, then context),
        // and taking the same locks in the same order lets the database wait for that hook instead of deadlocking it
        context.findBean(EmbeddedApplication.class).ifPresent(application -> runtime.stopBeforeTheDatabase(application::stop));
    }
}
