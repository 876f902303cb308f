/** Use cases of the tracing module, as interfaces named by intent, with self-validating command records. */
package io.parley.tracing.application.port.in;
