/** Use cases of the chat turn, as interfaces named by intent, with self-validating commands the web adapter builds. */
package io.parley.chat.application.port.in;
