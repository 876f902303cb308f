package io.parley.kernel;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * Identifiers the application generates: UUIDv7 primary keys (time-ordered, so B-tree
 * inserts stay at the right edge) and unguessable guest session ids.
 */
public final class Ids {

    /**
     * A deterministic random bit generator (NIST SP 800-90A), seeded once from the system: cryptographically
     * strong like the platform default, but without the default's read of /dev/urandom under a global lock at
     * every call (which showed in the append profile: each append makes two ids).
     */
    private static final SecureRandom RANDOM = drbg();
    /** The random bits of UUIDs, drawn from {@link #RANDOM} a block at a time. */
    private static final RandomBlock ID_BITS = new RandomBlock(RANDOM, 4096);
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();
    /** What {@link #newSessionId()} issues and the database accepts: URL-safe, 22..128 characters. */
    private static final Pattern SESSION_ID = Pattern.compile("^[A-Za-z0-9_-]{22,128}$");

    private Ids() {
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    /** A new UUIDv7 (RFC 9562) for the current time of the system clock. */
    public static UUID newId() {
        return newId(Clock.systemUTC());
    }

    /** A new UUIDv7 whose 48-bit timestamp is taken from {@code clock}. */
    public static UUID newId(Clock clock) {
        long millis = clock.millis();
        long randA = ID_BITS.nextLong() & 0xFFF;
        long randB = ID_BITS.nextLong();
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (randB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** A URL-safe session id carrying 192 random bits: the guest's capability for one conversation. */
    public static String newSessionId() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return URL_SAFE.encodeToString(bytes);
    }

    /** Whether a text can be a guest session id at all; one that cannot names nothing that exists. */
    public static boolean isSessionId(String raw) {
        return raw != null && SESSION_ID.matcher(raw).matches();
    }

    /** Parses a UUID, or throws {@link NotFoundException}: a malformed id names nothing that exists. */
    public static UUID parseOrNotFound(String raw, String what) {
        try {
            if (raw == null || raw.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(what);
        }
    }

    /**
     * Random longs read from a block the generator fills in one call. Each call of the DRBG pays fixed hashing
     * work besides its output (an append makes three ids: request, log line, message; at two calls per id that
     * was 4 % of an append's JVM CPU in the profile); one call per 4 KiB pays it once per 256 ids. Same generator,
     * same strength; a lock, not {@code synchronized}, so a virtual thread never pins its carrier here.
     */
    static final class RandomBlock {
        private final SecureRandom source;
        private final byte[] block;
        private final ReentrantLock lock = new ReentrantLock();
        private int next;

        RandomBlock(SecureRandom source, int bytes) {
            if (bytes < Long.BYTES || bytes % Long.BYTES != 0) {
                throw new IllegalArgumentException("a block holds whole longs");
            }
            this.source = source;
            this.block = new byte[bytes];
            this.next = bytes;
        }

        long nextLong() {
            lock.lock();
            try {
                if (next == block.length) {
                    source.nextBytes(block);
                    next = 0;
                }
                long value = 0;
                for (int i = 0; i < Long.BYTES; i++) {
                    value = (value << 8) | (block[next + i] & 0xFF);
                }
                next += Long.BYTES;
                return value;
            } finally {
                lock.unlock();
            }
        }
    }
}
