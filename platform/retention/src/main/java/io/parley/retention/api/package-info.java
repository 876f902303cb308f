/** What the rest of Parley may use of the retention module: the {@code retention} command of the deployable. */
package io.parley.retention.api;
