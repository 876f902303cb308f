package io.parley.retention.application.port.out;

import java.util.function.Supplier;

/** Each batch is its own short database transaction; the other modules' retention apis join it. */
public interface RetentionTransactions {

    /** Runs {@code work} in a new read-write transaction that commits when it returns and rolls back when it throws. */
    <T> T write(Supplier<T> work);

    /** Runs {@code work} in a new read-only transaction. */
    <T> T read(Supplier<T> work);
}
