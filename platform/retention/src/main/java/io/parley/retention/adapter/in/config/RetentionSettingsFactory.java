package io.parley.retention.adapter.in.config;

import io.micronaut.context.annotation.Factory;
import io.parley.retention.domain.RetentionSettings;
import jakarta.inject.Singleton;

/** The run's settings, from {@code parley.retention.*}. */
@Factory
class RetentionSettingsFactory {

    @Singleton
    RetentionSettings retentionSettings(RetentionProperties properties) {
        return properties.toSettings();
    }
}
