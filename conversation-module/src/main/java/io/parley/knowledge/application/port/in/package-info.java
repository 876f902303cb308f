/** Use cases of the knowledge context, as interfaces named by intent, with self-validating commands the web adapter builds. */
package io.parley.knowledge.application.port.in;
