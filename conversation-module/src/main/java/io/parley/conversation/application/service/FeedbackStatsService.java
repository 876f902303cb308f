package io.parley.conversation.application.service;

import io.parley.conversation.application.port.in.FeedbackStatsUseCase;
import io.parley.conversation.application.port.out.LoadFeedbackStatsPort;
import io.parley.kernel.Caller;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.TimeWindow;
import jakarta.inject.Singleton;
import io.micronaut.transaction.annotation.Transactional;

@Singleton
public class FeedbackStatsService implements FeedbackStatsUseCase {

    private final LoadFeedbackStatsPort feedback;

    public FeedbackStatsService(LoadFeedbackStatsPort feedback) {
        this.feedback = feedback;
    }

    @Override
    @Transactional(readOnly = true)
    public Result stats(TimeWindow window, Caller caller) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("feedback statistics are for admins");
        }
        return new Result(window, feedback.stats(window.from(), window.to()));
    }
}
