/**
 * The retention job (issue 8), orchestrated here in platform/app because it spans modules: platform/app is
 * the deployable, not a module, so it has no hexagonal layers of its own; this package holds the job, its
 * triggers (schedule, CLI; the admin endpoint is io.parley.app.web.RetentionRunController), the advisory lock,
 * and the {@link io.parley.app.retention.ArchiveSink} port with its local-directory adapter. Each module purges
 * its own tables through its api ({@code ConversationRetention}, {@code TicketArchive}, {@code TraceRetention}).
 */
package io.parley.app.retention;
