/**
 * Console accounts and their sessions: who may sign in to the web console, with which role, and who is
 * signed in now. One writer class per table, as in the registry.
 *
 * <table>
 *   <caption>Writers</caption>
 *   <tr><th>table</th><th>writer</th><th>what a taken identifier gets</th></tr>
 *   <tr><td>console_account</td><td>{@link org.prooftrail.store.accounts.Accounts}</td><td>create: a
 *       {@link org.prooftrail.store.registry.RegistryConflict} on "username" (the API answers 409); ensure
 *       (re-run set-ups): the existing account is kept as it is</td></tr>
 *   <tr><td>console_session</td><td>{@link org.prooftrail.store.accounts.ConsoleSessions}</td><td>(none: a
 *       session id is 256 random bits)</td></tr>
 * </table>
 * Passwords arrive here already hashed (core.auth.PasswordHashing): hashing is CPU work for the caller's
 * worker pool, and this package never sees a password. Lock-out is counted here in one statement per wrong
 * password, and enforced by the console's sign-in.
 */
package org.prooftrail.store.accounts;
