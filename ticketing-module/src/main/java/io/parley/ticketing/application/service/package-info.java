/** Use-case implementations of the ticketing module. */
package io.parley.ticketing.application.service;
