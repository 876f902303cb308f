/** Use cases of the ticketing module, as interfaces named by intent, with self-validating command records. */
package io.parley.ticketing.application.port.in;
