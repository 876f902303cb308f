/** What the chat turn's application needs from outside, named by need. */
package io.parley.chat.application.port.out;
