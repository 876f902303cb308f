package io.parley.app.security;

import io.parley.app.config.LocalRuntime;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** {@code parley token --sub alice --roles admin[,agent] [--email a@x] [--name Alice] [--hours 12]}: prints a signed JWT. */
public final class DevTokenCommand {

    private DevTokenCommand() {
    }

    public static int run(String[] args, LocalRuntime runtime) {
        return run(args, runtime.jwtSecret(), System.out, System.err);
    }

    static int run(String[] args, String secret, PrintStream out, PrintStream err) {
        String sub = null;
        String email = null;
        String name = null;
        List<String> roles = List.of("user");
        long hours = 12;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                err.println("missing value after " + flag);
                return 2;
            }
            String value = args[++i];
            switch (flag) {
                case "--sub" -> sub = value;
                case "--roles" -> roles = Arrays.stream(value.split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList();
                case "--email" -> email = value;
                case "--name" -> name = value;
                case "--hours" -> hours = Long.parseLong(value);
                default -> {
                    err.println("unknown flag " + flag);
                    return 2;
                }
            }
        }
        if (sub == null || sub.isBlank()) {
            err.println("usage: token --sub <subject> [--roles user,agent,admin,service] [--email e] [--name n] [--hours 12]");
            return 2;
        }
        out.println(new DevTokens(secret).mint(sub, roles, email, name, Duration.ofHours(hours)));
        return 0;
    }
}
