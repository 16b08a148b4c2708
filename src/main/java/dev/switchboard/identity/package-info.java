/**
 * Who is talking: users of every origin (accounts of a host application known only from its tokens,
 * built-in accounts with a password, anonymous widget visitors), their roles and status, the
 * {@link dev.switchboard.identity.UserStore} port through which they are kept, password hashing
 * ({@link dev.switchboard.identity.PasswordHasher}) and the tokens that carry an identity across the
 * Socket.IO handshake and REST requests ({@link dev.switchboard.identity.TokenService}). Storage
 * adapters live in {@code jdbc}; nothing here knows about sockets or HTTP.
 */
package dev.switchboard.identity;
