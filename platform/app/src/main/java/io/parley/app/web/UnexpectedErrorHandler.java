package io.parley.app.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.transaction.exceptions.CannotCreateTransactionException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;

/**
 * The last line: anything unexpected is logged (exception classes and where, never messages) and
 * answered with a generic problem. A database that cannot be reached answers 503 so clients
 * and load balancers retry instead of treating it as a bug.
 */
@Produces
@Singleton
final class UnexpectedErrorHandler implements ExceptionHandler<RuntimeException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException exception) {
        HttpStatus status = databaseUnavailable(exception) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            LOG.warn("database unavailable: {}", exception.getClass().getName());
        } else {
            LOG.error("unexpected error handling {} {}: {}", request.getMethod(), routeOf(request), describe(exception));
        }
        return Problems.respond(HttpResponse.status(status), status, Problems.genericDetail(status), List.of(), Map.of());
    }

    private static String routeOf(HttpRequest<?> request) {
        return io.micronaut.http.BasicHttpAttributes.getUriTemplate(request).orElse("(unmatched)");
    }

    /**
     * The exception chain by class, SQLState and the first Parley frame — never the messages: driver and
     * framework messages can quote row values or request content, which must not reach a log line.
     */
    static String describe(Throwable exception) {
        StringBuilder description = new StringBuilder();
        StackTraceElement parleyFrame = null;
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (description.length() > 0) {
                description.append(" <- ");
            }
            description.append(t.getClass().getName());
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                description.append('[').append(sql.getSQLState()).append(']');
            }
            if (parleyFrame == null) {
                for (StackTraceElement frame : t.getStackTrace()) {
                    if (frame.getClassName().startsWith("io.parley.")) {
                        parleyFrame = frame;
                        break;
                    }
                }
            }
        }
        return parleyFrame == null ? description.toString() : description + " at " + parleyFrame;
    }

    static boolean databaseUnavailable(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            // Micronaut Data's "could not get a connection" / "could not begin a transaction" wrappers: no connection
            // means no database, whatever the (possibly absent) cause says
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectionException
                    || t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
