/**
 * Classes that break (or deliberately just obey) the architecture rules, laid out as a miniature
 * Parley under {@code io.parley.archfixtures}: {@code io.parley.app.architecture.RulesBiteTest} checks
 * them with the same rule definitions as production code to prove every rule bites. They are test
 * classes, so the production rule run never imports them; those that carry a Micronaut stereotype
 * are guarded by a {@code @Requires} nobody sets, so they never become beans of a test context.
 */
package io.parley.archfixtures;
