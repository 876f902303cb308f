/** What other modules may use of the tracing module: a stable contract that imports nothing of the module's internals. */
package io.parley.tracing.api;
