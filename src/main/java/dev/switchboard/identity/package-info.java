/**
 * Who is talking: users of every origin (accounts of a host application known only from its tokens,
 * built-in accounts with a password, anonymous widget visitors), their roles and status, and the
 * {@link dev.switchboard.identity.UserStore} port through which they are kept. Token and password
 * handling live here too; storage adapters live in {@code jdbc}, never the other way round.
 */
package dev.switchboard.identity;
