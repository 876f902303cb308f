package io.parley.conversation.application.service;

import io.parley.conversation.application.port.out.LoadMessagesPort;
import io.parley.conversation.domain.Message;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * A conversation's messages up to {@code upToSeq}, oldest first, fetched one keyset batch at a
 * time as the iterator advances: memory stays at one batch however long the conversation, and no
 * transaction stays open while a slow client reads. Messages never change, so the batches add up
 * to a consistent transcript.
 */
final class MessageStream implements Iterator<Message> {

    static final int BATCH = 500;

    private final LoadMessagesPort messages;
    private final UUID conversationId;
    private final long upToSeq;
    private Iterator<Message> batch = List.<Message>of().iterator();
    private long lastSeq;
    private boolean exhausted;

    MessageStream(LoadMessagesPort messages, UUID conversationId, long upToSeq) {
        this.messages = messages;
        this.conversationId = conversationId;
        this.upToSeq = upToSeq;
        this.exhausted = upToSeq <= 0;
    }

    @Override
    public boolean hasNext() {
        if (!batch.hasNext() && !exhausted) {
            List<Message> next = messages.page(conversationId, lastSeq, upToSeq, BATCH);
            exhausted = next.size() < BATCH;
            batch = next.iterator();
        }
        return batch.hasNext();
    }

    @Override
    public Message next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Message message = batch.next();
        lastSeq = message.seq();
        return message;
    }
}
