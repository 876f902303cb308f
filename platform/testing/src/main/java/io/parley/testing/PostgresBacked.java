package io.parley.testing;

import io.micronaut.test.support.TestPropertyProvider;

import java.util.Map;

/**
 * Mixed into a {@code @MicronautTest} class to run it against this test run's fresh database.
 * Needs the per-class test lifecycle (set as the default in {@code junit-platform.properties}).
 */
public interface PostgresBacked extends TestPropertyProvider {

    @Override
    default Map<String, String> getProperties() {
        return TestDatabase.properties();
    }
}
