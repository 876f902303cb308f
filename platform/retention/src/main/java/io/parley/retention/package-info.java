/**
 * The retention module (platform/retention): deletes old data of every module on schedule, and archives expired
 * conversations first when configured. It spans modules without reaching into them: each module purges its own
 * tables through its api ({@code ConversationRetention}, {@code TicketArchive}, {@code TraceRetention}), and this
 * module orchestrates the runs, one instance at a time.
 *
 * <ul>
 *   <li>{@code api}: the {@code retention} command the deployable's main calls;</li>
 *   <li>{@code domain}: the policies, their windows and settings, a run's tally and report;</li>
 *   <li>{@code application}: {@code RunRetentionUseCase} and the job (one batch loop drives every policy),
 *       and the ports it needs: the lock, the transactions, the archive sink, the meters;</li>
 *   <li>{@code adapter.in}: the nightly schedule, the command line, {@code POST /api/v1/admin/retention/run}, the
 *       configuration; {@code adapter.out}: the PostgreSQL advisory lock, the local-directory archive, Micrometer.</li>
 * </ul>
 */
package io.parley.retention;
