/** What other modules may use of the ticketing module: a stable contract that imports nothing of the module's internals. */
package io.parley.ticketing.api;
