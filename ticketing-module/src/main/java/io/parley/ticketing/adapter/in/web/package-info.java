/** HTTP controllers of the ticketing module (package-private) and their request/response DTOs. */
package io.parley.ticketing.adapter.in.web;
