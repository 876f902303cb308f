package io.parley.app.security;

import io.parley.app.config.LocalRuntime;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code parley token --sub alice --roles admin[,agent] [--email a@x] [--name Alice] [--hours 12]}: prints a signed JWT.
 * {@code --help} (or {@code -h}) prints the usage to stdout and exits 0; a usage error prints it to stderr and exits 2.
 */
public final class DevTokenCommand {

    static final String USAGE = "usage: token --sub <subject> [--roles user,agent,admin,service] [--email e] [--name n] [--hours 12]";

    private DevTokenCommand() {
    }

    public static int run(String[] args, LocalRuntime runtime) {
        return run(args, runtime::jwtSecret, System.out, System.err);
    }

    /** The secret is asked for only when a token is minted, so {@code --help} neither needs nor creates one. */
    static int run(String[] args, Supplier<String> secret, PrintStream out, PrintStream err) {
        if (Arrays.stream(args).anyMatch(arg -> "--help".equals(arg) || "-h".equals(arg))) {
            out.println(USAGE);
            return 0;
        }
        String sub = null;
        String email = null;
        String name = null;
        List<String> roles = List.of("user");
        long hours = 12;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                err.println("missing value after " + flag + "\n" + USAGE);
                return 2;
            }
            String value = args[++i];
            switch (flag) {
                case "--sub" -> sub = value;
                case "--roles" -> roles = Arrays.stream(value.split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList();
                case "--email" -> email = value;
                case "--name" -> name = value;
                case "--hours" -> {
                    hours = wholeHours(value);
                    if (hours < 1) {
                        err.println("--hours must be a whole number of at least 1\n" + USAGE);
                        return 2;
                    }
                }
                default -> {
                    err.println("unknown flag " + flag + "\n" + USAGE);
                    return 2;
                }
            }
        }
        if (sub == null || sub.isBlank()) {
            err.println(USAGE);
            return 2;
        }
        out.println(new DevTokens(secret.get()).mint(sub, roles, email, name, Duration.ofHours(hours)));
        return 0;
    }

    private static long wholeHours(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
