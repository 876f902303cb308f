package io.parley.retention.adapter.out.persistence;

import io.micronaut.transaction.TransactionOperations;
import io.parley.retention.application.port.out.RetentionTransactions;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.function.Supplier;

/** The batches' transactions on the default data source; the modules' retention adapters join them. */
@Singleton
class JdbcRetentionTransactions implements RetentionTransactions {

    private final TransactionOperations<Connection> transactions;

    JdbcRetentionTransactions(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T write(Supplier<T> work) {
        return transactions.executeWrite(status -> work.get());
    }

    @Override
    public <T> T read(Supplier<T> work) {
        return transactions.executeRead(status -> work.get());
    }
}
