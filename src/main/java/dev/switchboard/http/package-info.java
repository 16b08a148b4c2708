/**
 * The HTTP edge: the Netty server on the one port, the dispatcher that splits Engine.IO traffic
 * from REST and static files, CORS, and the REST handlers.
 */
package dev.switchboard.http;
