/** What the conversation module's application needs from outside (persistence, helpdesks, ...), named by need. */
package io.parley.conversation.application.port.out;
