package io.parley.ticketing.adapter.in.conversation;

import io.parley.conversation.api.WhoAnswers;
import io.parley.ticketing.application.port.in.FindAnswererUseCase;
import io.parley.ticketing.application.port.in.FindAnswererUseCase.People;
import io.parley.ticketing.domain.Handoff;
import jakarta.inject.Singleton;

import java.util.UUID;

/** The chat turn asks here, in its own transaction, whether the assistant or a person answers the customer. */
@Singleton
class WhoAnswersAdapter implements WhoAnswers {

    private final FindAnswererUseCase answerers;

    WhoAnswersAdapter(FindAnswererUseCase answerers) {
        this.answerers = answerers;
    }

    @Override
    public Answerer answererOf(UUID conversationId) {
        // Java 17: no pattern switch yet; Answerer is sealed to Assistant and People
        if (answerers.answererOf(conversationId) instanceof People people) {
            return new Person(view(people));
        }
        return Assistant.INSTANCE;
    }

    /** The handoff as the chat response and {@code GET …/handoff} show it. */
    static HandoffView view(People people) {
        Handoff handoff = people.handoff().orElse(null);
        return new HandoffView(true,
                handoff != null ? handoff.reason() : people.ticket().escalationReason(),
                handoff != null ? handoff.provider().wireValue() : null,
                people.ticket().id(), people.ticket().number().toString(), people.handoffStatus().wireValue());
    }
}
