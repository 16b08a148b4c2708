// The Node.js reference for the benchmark: what the seeds run, nothing more. socket.io 4.8 with
// its defaults, JWT (HS256, JWT_SECRET) checked on the handshake (auth.token), a Map from user id
// to that user's sockets, and seed 004's `send-message` -> `receive-message` to every socket of
// the receiver and the ack {ok:true,data} to the sender — no persistence. EMIT_MESSAGE_SENT=1 also
// emits `message-sent` to the sending socket, as Switchboard's seed 004 dialect does (off by default:
// the reference figures were taken without it). relay.js is the same relay on bare `ws`,
// without Socket.IO (what relaying costs Node with nothing in between); bench/compare.sh runs both.
// Usage: JWT_SECRET=... node server.js --port 5001   (prints "listening on <port>")
"use strict";
const http = require("node:http");
const crypto = require("node:crypto");
const { Server } = require("socket.io");
const jwt = require("jsonwebtoken");

const args = process.argv.slice(2);
const portFlag = args.indexOf("--port");
const port = Number(portFlag >= 0 ? args[portFlag + 1] : process.env.PORT || 5001);
const secret = process.env.JWT_SECRET;
const emitMessageSent = process.env.EMIT_MESSAGE_SENT === "1";
if (!secret) {
  console.error("JWT_SECRET is required");
  process.exit(64);
}

const httpServer = http.createServer((req, res) => {
  if (req.url === "/health") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"status":"ok"}');
    return;
  }
  res.writeHead(404);
  res.end();
});
const io = new Server(httpServer, { cors: { origin: "*" } });

const socketsByUser = new Map(); // userId -> Set<socket>
const seqByConversation = new Map();

io.use((socket, next) => {
  let token = socket.handshake.auth && socket.handshake.auth.token;
  if (!token) return next(Object.assign(new Error("UNAUTHENTICATED"), { data: { code: "UNAUTHENTICATED" } }));
  if (token.startsWith("Bearer ")) token = token.slice(7);
  try {
    const claims = jwt.verify(token, secret, { algorithms: ["HS256"] });
    if (claims.status && claims.status !== "active") throw new Error("inactive");
    socket.data.user = { id: claims.sub, role: claims.role, name: claims.name };
    next();
  } catch (e) {
    next(Object.assign(new Error("INVALID_TOKEN"), { data: { code: "INVALID_TOKEN" } }));
  }
});

io.on("connection", (socket) => {
  const me = socket.data.user;
  let mine = socketsByUser.get(me.id);
  if (!mine) socketsByUser.set(me.id, (mine = new Set()));
  mine.add(socket);

  socket.on("send-message", (payload, ack) => {
    const reply = typeof ack === "function" ? ack : () => {};
    const receiverId = payload && (payload.receiverId || payload.to || payload.recipientId);
    const text = payload && (payload.message || payload.text || payload.content);
    if (typeof receiverId !== "string" || typeof text !== "string" || text.length === 0) {
      return reply({ ok: false, error: { code: "VALIDATION", message: "receiverId and message are required" } });
    }
    const conversationId = me.id < receiverId ? `${me.id}:${receiverId}` : `${receiverId}:${me.id}`;
    const seq = (seqByConversation.get(conversationId) || 0) + 1;
    seqByConversation.set(conversationId, seq);
    const id = crypto.randomUUID();
    const message = {
      _id: id, id, conversationId, seq, senderId: me.id, receiverId, message: text,
      clientMessageId: payload.clientMessageId, createdAt: new Date().toISOString(),
    };
    const theirs = socketsByUser.get(receiverId);
    if (theirs) for (const s of theirs) s.emit("receive-message", message);
    if (emitMessageSent) socket.emit("message-sent", message);
    reply({ ok: true, data: message });
  });

  socket.on("disconnect", () => {
    mine.delete(socket);
    if (mine.size === 0) socketsByUser.delete(me.id);
  });
});

httpServer.listen(port, "127.0.0.1", () => console.log(`listening on ${port}`));
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => process.exit(0));
