/**
 * Engine.IO protocol v4 server on Netty: the handshake, HTTP long-polling, WebSocket, the
 * polling-to-WebSocket upgrade and heartbeats. It knows nothing of Socket.IO or of Switchboard's
 * domain; {@link dev.switchboard.engineio.EngineServer} hands each new
 * {@link dev.switchboard.engineio.EngineSession} to a connection handler, which attaches an
 * {@link dev.switchboard.engineio.EngineListener}.
 *
 * <p>Threading: every session is bound to one Netty event loop and all of its state is touched
 * only there; calls from other threads are handed over with {@code execute}. That keeps the state
 * machine free of locks.
 */
package dev.switchboard.engineio;
