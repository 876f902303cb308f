package io.parley.kernel;

/**
 * The requests a server filter of ours is for, decided in the filter rather than in its annotation.
 *
 * <p>Every filter of ours is declared for all paths and all methods ({@code @ServerFilter("/**")}) and
 * returns at once when the request is not its own. A path pattern or a method list in the annotation makes
 * the router match it per request ({@code AntPathMatcher} splits pattern and path into new arrays each time)
 * and, as soon as one filter needs that, build and sort the filter list per request: 5 % of the JVM's CPU for
 * a one-span batch in the profile. Filters declared for everything share one list made once.
 */
public final class FilterScope {

    private static final String API = "/api";

    private FilterScope() {
    }

    /** What the pattern {@code /api/**} matched: {@code /api} and everything under it. */
    public static boolean isApi(String path) {
        return under(path, API);
    }

    /** {@code prefix} itself or a path below it ({@code /chat} and {@code /chat/x}, not {@code /chatter}). */
    public static boolean under(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    /** POST, PUT or PATCH (the request's method name): the methods that carry a body to check. */
    public static boolean sendsBody(String method) {
        return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
    }

    /** POST, PUT, PATCH or DELETE (the request's method name): the methods that change something. */
    public static boolean writes(String method) {
        return sendsBody(method) || "DELETE".equals(method);
    }
}
