// The Node.js reference for the benchmark: what the seeds run, nothing more. socket.io 4.8 with
// its defaults, JWT (HS256, JWT_SECRET) checked on the handshake (auth.token), a Map from user id
// to that user's sockets, and seed 004's `send-message` -> `receive-message` to every socket of
// the receiver and the ack {ok:true,data} to the sender — no persistence. EMIT_MESSAGE_SENT=1 also
// emits `message-sent` to the sending socket, as Switchboard's seed 004 dialect does (off by default:
// the reference figures were taken without it). relay.js is the same relay on bare `ws`,
// without Socket.IO (what relaying costs Node with nothing in between); bench/compare.sh runs both.
// Usage: JWT_SECRET=... node server.js --port 5001   (prints "listening on <port>")
"use strict";
const { Server } = require("socket.io");
const { settings, healthServer, userFromToken, directMessage, listen } = require("./common");

const { port, secret, emitMessageSent } = settings();
const httpServer = healthServer();
const io = new Server(httpServer, { cors: { origin: "*" } });

const socketsByUser = new Map(); // userId -> Set<socket>
const seqByConversation = new Map();

io.use((socket, next) => {
  const { user, code } = userFromToken(socket.handshake.auth && socket.handshake.auth.token, secret);
  if (!user) return next(Object.assign(new Error(code), { data: { code } }));
  socket.data.user = user;
  next();
});

io.on("connection", (socket) => {
  const me = socket.data.user;
  let mine = socketsByUser.get(me.id);
  if (!mine) socketsByUser.set(me.id, (mine = new Set()));
  mine.add(socket);

  socket.on("send-message", (payload, ack) => {
    const reply = typeof ack === "function" ? ack : () => {};
    const { message, reply: refusal } = directMessage(me, payload, seqByConversation);
    if (!message) return reply(refusal);
    const theirs = socketsByUser.get(message.receiverId);
    if (theirs) for (const s of theirs) s.emit("receive-message", message);
    if (emitMessageSent) socket.emit("message-sent", message);
    reply({ ok: true, data: message });
  });

  socket.on("disconnect", () => {
    mine.delete(socket);
    if (mine.size === 0) socketsByUser.delete(me.id);
  });
});

listen(httpServer, port);
