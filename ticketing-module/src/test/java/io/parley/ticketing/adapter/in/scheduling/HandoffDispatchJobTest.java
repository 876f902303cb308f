package io.parley.ticketing.adapter.in.scheduling;

import io.micronaut.context.exceptions.ConfigurationException;
import io.parley.ticketing.application.port.in.DispatchHandoffsUseCase;
import io.parley.ticketing.application.port.in.DispatchHandoffsUseCase.DispatchReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

@ExtendWith(MockitoExtension.class)
class HandoffDispatchJobTest {

    @Mock
    DispatchHandoffsUseCase dispatcher;

    @Test
    void a_full_batch_is_followed_by_another_pass_until_the_backlog_is_drained() {
        HandoffDispatcherConfiguration configuration = new HandoffDispatcherConfiguration();
        configuration.setBatchSize(2);
        when(dispatcher.dispatchDue()).thenReturn(new DispatchReport(2, 2, 0, 0), new DispatchReport(2, 1, 1, 0), new DispatchReport(1, 1, 0, 0));

        new HandoffDispatchJob(dispatcher, configuration).run();

        verify(dispatcher, times(3)).dispatchDue();
    }

    @Test
    void a_backlog_is_worked_in_bounded_passes_per_tick() {
        HandoffDispatcherConfiguration configuration = new HandoffDispatcherConfiguration();
        configuration.setBatchSize(1);
        when(dispatcher.dispatchDue()).thenReturn(new DispatchReport(1, 1, 0, 0));

        new HandoffDispatchJob(dispatcher, configuration).run();

        verify(dispatcher, times(HandoffDispatchJob.MAX_PASSES_PER_TICK)).dispatchDue();
    }

    @Test
    void a_failing_pass_does_not_stop_the_schedule() {
        when(dispatcher.dispatchDue()).thenThrow(new IllegalStateException("database down"));
        new HandoffDispatchJob(dispatcher, new HandoffDispatcherConfiguration()).run();
        verify(dispatcher).dispatchDue();
    }

    @Test
    void the_defaults_and_the_checks_of_the_configuration() {
        HandoffDispatcherConfiguration configuration = new HandoffDispatcherConfiguration();
        assertEquals(20, configuration.batchSize());
        assertEquals(Duration.ofMinutes(2), configuration.lease());
        assertEquals(8, configuration.retryPolicy().maxAttempts());
        assertEquals(Duration.ofSeconds(30), configuration.retryPolicy().backoff(1));
        configuration.setBatchSize(0);
        assertThrows(ConfigurationException.class, configuration::batchSize);
        configuration.setMaxAttempts(0);
        assertThrows(ConfigurationException.class, configuration::retryPolicy);
        configuration.setLease(Duration.ZERO);
        assertThrows(ConfigurationException.class, configuration::lease);
    }
}
