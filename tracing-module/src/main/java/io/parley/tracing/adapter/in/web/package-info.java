/** HTTP controllers of the tracing module (package-private) and their request/response DTOs. */
package io.parley.tracing.adapter.in.web;
