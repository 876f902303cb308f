package io.parley.kernel;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** UUIDv7 ids, and what can be a guest session id. */
class IdsTest {

    @Test
    void an_id_is_a_version_7_uuid_of_the_clocks_millisecond() {
        Instant at = Instant.parse("2026-12-06T03:00:00.123Z");
        UUID id = Ids.newId(Clock.fixed(at, ZoneOffset.UTC));
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(at.toEpochMilli(), id.getMostSignificantBits() >>> 16);
    }

    @Test
    void ids_of_one_millisecond_differ_across_many_blocks_of_random_bits() {
        Clock frozen = Clock.fixed(Instant.parse("2026-12-06T03:00:00Z"), ZoneOffset.UTC);
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 20_000; i++) { // 256 ids a 4 KiB block: ~80 refills
            ids.add(Ids.newId(frozen));
        }
        assertEquals(20_000, ids.size());
    }

    @Test
    void threads_drawing_at_once_never_get_the_same_bits() throws Exception {
        Ids.RandomBlock block = new Ids.RandomBlock(new SecureRandom(), 64);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Long>>> draws = new ArrayList<>();
            Callable<List<Long>> draw = () -> {
                List<Long> values = new ArrayList<>();
                for (int i = 0; i < 5_000; i++) {
                    values.add(block.nextLong());
                }
                return values;
            };
            for (int t = 0; t < 4; t++) {
                draws.add(threads.submit(draw));
            }
            Set<Long> seen = new HashSet<>();
            for (Future<List<Long>> d : draws) {
                seen.addAll(d.get());
            }
            assertEquals(20_000, seen.size());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void a_block_reads_the_generators_bytes_in_order_and_refills_when_spent() {
        SecureRandom scripted = new SecureRandom() {
            private int calls;

            @Override
            public void nextBytes(byte[] bytes) {
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (calls * 16 + i);
                }
                calls++;
            }
        };
        Ids.RandomBlock block = new Ids.RandomBlock(scripted, 16);
        assertEquals(0x0001020304050607L, block.nextLong());
        assertEquals(0x08090a0b0c0d0e0fL, block.nextLong());
        assertEquals(0x1011121314151617L, block.nextLong()); // the second fill
        assertThrows(IllegalArgumentException.class, () -> new Ids.RandomBlock(scripted, 12));
    }

    @Test
    void an_issued_session_id_is_one() {
        assertTrue(Ids.isSessionId(Ids.newSessionId()));
        assertTrue(Ids.isSessionId("a".repeat(22)));
        assertTrue(Ids.isSessionId("A-_9".repeat(32)));
    }

    @Test
    void too_short_too_long_absent_or_not_url_safe_is_none() {
        assertFalse(Ids.isSessionId(null));
        assertFalse(Ids.isSessionId("a".repeat(21)));
        assertFalse(Ids.isSessionId("a".repeat(129)));
        assertFalse(Ids.isSessionId("a".repeat(21) + "/"));
        assertFalse(Ids.isSessionId("a".repeat(21) + " "));
    }
}
