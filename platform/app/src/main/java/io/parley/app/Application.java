package io.parley.app;

import io.micronaut.runtime.Micronaut;
import io.parley.app.config.LocalRuntime;
import io.parley.app.security.DevTokenCommand;
import io.parley.retention.api.RetentionCommand;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
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
@OpenAPIDefinition(info = @Info(title = "Parley", version = "1",
        description = "Conversation store and support-workflow backend of an AI customer-support assistant"))
public final class Application {

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
        Micronaut.build(args)
                .mainClass(Application.class)
                .properties(LocalRuntime.fromEnvironment().contextProperties())
                .banner(false)
                .start();
    }
}
