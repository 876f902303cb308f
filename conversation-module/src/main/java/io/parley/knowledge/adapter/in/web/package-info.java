/** HTTP routes of the knowledge base ({@code /api/v1/knowledge/...}, package-private) and their request/response DTOs. */
package io.parley.knowledge.adapter.in.web;
