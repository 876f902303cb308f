package io.parley.retention.adapter.in;

import io.micronaut.serde.annotation.SerdeImport;
import io.parley.retention.domain.RetentionReport;

/**
 * The report's JSON form, declared once for both inbound adapters that write it (the admin endpoint's answer
 * and the command's output): the domain record stays plain Java. Field names follow the application's
 * naming strategy (snake_case).
 */
@SerdeImport(RetentionReport.class)
final class RetentionReportJson {

    private RetentionReportJson() {
    }
}
