package io.parley.tracing.application.service;

import io.parley.kernel.Caller;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.Role;
import io.parley.tracing.application.port.in.ApiRequestStatsQuery;
import io.parley.tracing.application.port.out.LoadApiRequestStatsPort;
import io.parley.tracing.domain.EndpointStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.InjectMocks;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@ExtendWith(MockitoExtension.class)
class ApiRequestStatsServiceTest {

    static final ApiRequestStatsQuery LAST_DAY = ApiRequestStatsQuery.of(null, null, Instant.parse("2026-11-23T12:00:00Z"));

    @Mock
    LoadApiRequestStatsPort port;
    @InjectMocks
    ApiRequestStatsService service;

    @Test
    void only_admins_see_statistics() {
        for (Role role : new Role[]{Role.USER, Role.AGENT, Role.SERVICE}) {
            assertThrows(ForbiddenException.class, () -> service.stats(LAST_DAY, Caller.authenticated("x", Set.of(role), null, null)));
        }
        verifyNoInteractions(port);
    }

    @Test
    void an_admin_gets_the_database_figures_for_the_window() {
        var figures = List.of(new EndpointStats("/api/v1/traces", "POST", 3, 0, 0.5, 1, 2, 3));
        when(port.stats(LAST_DAY.window(), null)).thenReturn(figures);

        var stats = service.stats(LAST_DAY, Caller.authenticated("root", Set.of(Role.ADMIN), null, null));

        assertEquals(LAST_DAY.window(), stats.window());
        assertEquals(figures, stats.endpoints());
    }

    @Test
    void an_endpoint_filter_reaches_the_database() {
        var oneEndpoint = ApiRequestStatsQuery.of(null, null, "/api/v1/traces", Instant.parse("2026-11-23T12:00:00Z"));
        when(port.stats(oneEndpoint.window(), "/api/v1/traces")).thenReturn(List.of());

        assertEquals(List.of(), service.stats(oneEndpoint, Caller.authenticated("root", Set.of(Role.ADMIN), null, null)).endpoints());
    }
}
