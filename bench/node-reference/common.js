// What the two reference servers (server.js, relay.js) share, so that they answer the benchmark's
// generator alike: their flags and environment, /health, the JWT check of a connection, seed 004's
// message built from a send, and how they listen and stop.
"use strict";
const http = require("node:http");
const crypto = require("node:crypto");
const jwt = require("jsonwebtoken");

/** --port (or PORT), JWT_SECRET (required) and EMIT_MESSAGE_SENT=1; exits 64 without a secret. */
function settings(argv = process.argv.slice(2)) {
  const portFlag = argv.indexOf("--port");
  const secret = process.env.JWT_SECRET;
  if (!secret) {
    console.error("JWT_SECRET is required");
    process.exit(64);
  }
  return {
    port: Number(portFlag >= 0 ? argv[portFlag + 1] : process.env.PORT || 5001),
    secret,
    emitMessageSent: process.env.EMIT_MESSAGE_SENT === "1",
  };
}

/** An HTTP server answering /health with 200 {"status":"ok"} and anything else with 404. */
function healthServer() {
  return http.createServer((req, res) => {
    if (req.url === "/health") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"status":"ok"}');
      return;
    }
    res.writeHead(404);
    res.end();
  });
}

/**
 * The user an HS256 token names ("Bearer " allowed), as { user: { id, role, name } }, or { code }:
 * UNAUTHENTICATED without a token, INVALID_TOKEN for a bad one or an inactive user.
 */
function userFromToken(token, secret) {
  if (typeof token !== "string" || !token) return { code: "UNAUTHENTICATED" };
  if (token.startsWith("Bearer ")) token = token.slice(7);
  try {
    const claims = jwt.verify(token, secret, { algorithms: ["HS256"] });
    if (claims.status && claims.status !== "active") return { code: "INVALID_TOKEN" };
    return { user: { id: claims.sub, role: claims.role, name: claims.name } };
  } catch (e) {
    return { code: "INVALID_TOKEN" };
  }
}

const INVALID_SEND = { ok: false, error: { code: "VALIDATION", message: "receiverId and message are required" } };

/**
 * Seed 004's `send-message` from `me`: { message } (DirectMessage, the conversation's next seq taken
 * from `seqByConversation`), or { reply } with the VALIDATION error to acknowledge instead.
 */
function directMessage(me, payload, seqByConversation) {
  const receiverId = payload && (payload.receiverId || payload.to || payload.recipientId);
  const text = payload && (payload.message || payload.text || payload.content);
  if (typeof receiverId !== "string" || typeof text !== "string" || text.length === 0) return { reply: INVALID_SEND };
  const conversationId = me.id < receiverId ? `${me.id}:${receiverId}` : `${receiverId}:${me.id}`;
  const seq = (seqByConversation.get(conversationId) || 0) + 1;
  seqByConversation.set(conversationId, seq);
  const id = crypto.randomUUID();
  return {
    message: {
      _id: id, id, conversationId, seq, senderId: me.id, receiverId, message: text,
      clientMessageId: payload.clientMessageId, createdAt: new Date().toISOString(),
    },
  };
}

/** Listens on loopback, prints "listening on <port>", and exits at SIGTERM or SIGINT. */
function listen(server, port) {
  server.listen(port, "127.0.0.1", () => console.log(`listening on ${port}`));
  for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => process.exit(0));
}

module.exports = { settings, healthServer, userFromToken, directMessage, listen };
