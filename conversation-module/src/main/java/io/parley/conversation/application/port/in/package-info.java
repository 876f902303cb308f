/** Use cases of the conversation module, as interfaces named by intent, with self-validating command records. */
package io.parley.conversation.application.port.in;
