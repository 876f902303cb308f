package io.parley.archfixtures.conversation.adapter.in.web;

import io.parley.archfixtures.live.LiveStreams;

/** Obeys rule 4: a module uses platform/live as it uses the kernel. */
class ControllerUsingLive {

    private final LiveStreams streams;

    ControllerUsingLive(LiveStreams streams) {
        this.streams = streams;
    }
}
