/** What the ticketing module's application needs from outside (persistence, helpdesks, ...), named by need. */
package io.parley.ticketing.application.port.out;
