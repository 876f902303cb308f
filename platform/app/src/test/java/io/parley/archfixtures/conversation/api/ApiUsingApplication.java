package io.parley.archfixtures.conversation.api;

import io.parley.archfixtures.conversation.application.port.in.AppendMessageCommand;

/** Breaks rule 4: the api imports the module's application. */
public interface ApiUsingApplication {

    void append(AppendMessageCommand command);
}
