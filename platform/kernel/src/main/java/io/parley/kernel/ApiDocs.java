package io.parley.kernel;

/**
 * The names every module's OpenAPI annotations share with the document's common part
 * ({@code platform/app/src/main/openapi/parley-common.yml} and the {@code Application}'s definition): the bearer
 * security scheme, the problem+json error schema and headers, the tags, and the descriptions of the error statuses and of
 * the parameters that recur on many routes. Constants only, so that annotations can use them.
 */
public final class ApiDocs {

    /** The security scheme of every route that takes a token: {@code Authorization: Bearer <JWT>}. */
    public static final String BEARER = "bearerAuth";

    /** Every error's media type, with {@link #PROBLEM}, the shared schema of the document's common part. */
    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String PROBLEM = "#/components/schemas/Problem";

    /** The default descriptions of the error statuses (an operation may say more). */
    public static final String BAD_REQUEST = "Malformed JSON or UTF-8, a duplicate member, a value of the wrong JSON type,"
            + " a missing required body";
    public static final String UNAUTHORIZED = "No token, or a token that is invalid, expired or wrongly signed";
    public static final String UNAUTHORIZED_GUEST = "A token was sent and is invalid (none is needed)";
    public static final String FORBIDDEN = "The caller's role does not allow this";
    public static final String NOT_FOUND = "Unknown or malformed id, or someone else's resource (the same answer)";
    public static final String NOT_FOUND_SESSION = "Unknown, malformed or a signed-in user's session_id";
    public static final String CONFLICT = "The state forbids this";
    public static final String PAYLOAD_TOO_LARGE = "The body is over the limit";
    public static final String UNSUPPORTED_MEDIA_TYPE = "A body that is not application/json";
    public static final String UNPROCESSABLE = "Valid JSON or query parameters breaking a rule; errors names each field";
    public static final String TOO_MANY_REQUESTS = "A rate limit refused this write; nothing was stored (Retry-After, RateLimit-Policy,"
            + " RateLimit headers)";
    /** The rate-limit headers of a 429 (IETF httpapi draft "RateLimit header fields for HTTP"). */
    public static final String RETRY_AFTER = "Seconds until a retry can pass";
    public static final String RATE_LIMIT_POLICY = "The limits that applied: \"guest-session\";q=10;w=30 (q the burst, w the seconds to"
            + " refill from empty)";
    public static final String RATE_LIMIT = "What is left of them: \"guest-session\";r=0;t=30 (r tokens left, t seconds until full)";

    public static final String TAG_CHAT = "chat";
    public static final String TAG_CONVERSATIONS = "conversations";
    public static final String TAG_SESSIONS = "sessions";
    public static final String TAG_TICKETS = "tickets";
    public static final String TAG_TRACES = "traces";
    public static final String TAG_KNOWLEDGE = "knowledge";
    public static final String TAG_ADMIN = "admin";

    public static final String LIMIT = "Page size, 1..200 (default 50); anything else is 422";
    public static final String CURSOR = "The next_cursor of the previous page; a cursor not issued for this list is 422";
    public static final String IDEMPOTENCY_KEY = "1..128 printable ASCII characters without spaces, scoped to the conversation:"
            + " a repeat writes nothing and answers the first result";
    public static final String SESSION_ID = "The guest's session_id, the capability for its one conversation;"
            + " unknown, malformed or a signed-in user's: 404";
    public static final String FROM = "RFC 3339 with an offset; the window's start (inclusive)";
    public static final String TO = "RFC 3339 with an offset; the window's end (exclusive), default now";

    private ApiDocs() {
    }
}
