/** Use-case implementations of the tracing module. */
package io.parley.tracing.application.service;
