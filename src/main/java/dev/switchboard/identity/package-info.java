/**
 * Who is talking: built-in accounts, roles, password hashing ({@link dev.switchboard.identity.PasswordHasher})
 * and the tokens that carry an identity across the Socket.IO handshake and REST requests
 * ({@link dev.switchboard.identity.TokenService}). Transport adapters call in here to turn a token
 * into {@link dev.switchboard.identity.TokenClaims}; nothing here knows about sockets or HTTP.
 */
package dev.switchboard.identity;
