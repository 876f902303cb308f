package io.parley.conversation.application.service;

import io.parley.conversation.application.port.in.FeedbackStatsUseCase;
import io.parley.conversation.application.port.out.LoadFeedbackStatsPort;
import io.parley.conversation.domain.FeedbackStats;
import io.parley.kernel.Caller;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.Role;
import io.parley.kernel.TimeWindow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class FeedbackStatsServiceTest {

    final LoadFeedbackStatsPort port = mock(LoadFeedbackStatsPort.class);
    final FeedbackStatsUseCase service = new FeedbackStatsService(port);
    final TimeWindow window = new TimeWindow(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-02T00:00:00Z"));

    @Test
    void an_admin_gets_the_statistics_of_the_window() {
        when(port.stats(window.from(), window.to())).thenReturn(FeedbackStats.of(4, 11, 2));

        var result = service.stats(window, Caller.authenticated("ops", Set.of(Role.ADMIN), null, null));

        assertEquals(window, result.window());
        assertEquals(new FeedbackStats(4, 2.75, 50.0), result.stats());
    }

    @Test
    void anyone_else_is_refused_before_anything_is_read() {
        for (Role role : new Role[]{Role.USER, Role.AGENT, Role.SERVICE}) {
            assertThrows(ForbiddenException.class, () -> service.stats(window, Caller.authenticated("x", Set.of(role), null, null)));
        }
        verifyNoInteractions(port);
    }

    @Test
    void without_ratings_there_is_no_average_and_no_csat() {
        assertEquals(new FeedbackStats(0, null, null), FeedbackStats.of(0, 0, 0));
    }
}
