/**
 * Socket.IO protocol v5 server over {@link dev.switchboard.engineio}: packet parsing and encoding
 * (binary attachments included), namespaces with a connect guard, sockets, rooms, broadcasts and
 * acknowledgements in both directions. Generic: it knows nothing of Switchboard's domain; the
 * {@code dialect} package maps events onto the domain.
 */
package dev.switchboard.socketio;
