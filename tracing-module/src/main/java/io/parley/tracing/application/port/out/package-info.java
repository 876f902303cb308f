/** What the tracing module's application needs from outside (persistence, helpdesks, ...), named by need. */
package io.parley.tracing.application.port.out;
