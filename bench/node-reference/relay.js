// The bare relay: the floor under server.js. The same behaviour for the benchmark's generator — JWT
// (HS256, JWT_SECRET) checked on the Socket.IO CONNECT, a Map from user id to that user's sockets,
// seed 004's `send-message` -> `receive-message` to every socket of the receiver and the ack
// {ok:true,data} to the sender, no persistence — but on the npm `ws` package alone, with the few
// Engine.IO v4 / Socket.IO v5 packets the generator uses written and read by hand here. What a
// Node server costs when it does nothing but relay: issue 3 quotes it (7.1 KB per socket, 34-38 us
// of CPU per delivery) and bench/compare.sh runs it as its third server. What it shares with server.js
// (flags, /health, the JWT check, the message built from a send) is in common.js.
//
// Deliberately left out: HTTP long-polling and upgrades (WebSocket at
// /socket.io/?EIO=4&transport=websocket only), binary packets and attachments (a binary frame closes
// the socket), namespaces other than / (answered with CONNECT_ERROR "Invalid namespace"), rooms and
// broadcasts, acks asked of the client, compression. A DISCONNECT packet closes the WebSocket; a
// frame it cannot read (bad JSON, not an event array, a packet before CONNECT) closes that socket, as
// socket.io does.
// Heartbeat as Engine.IO: "2" pingInterval after the open or the last "3", closed when no "3" comes
// within pingTimeout; one timer for all sockets. EMIT_MESSAGE_SENT=1 as in server.js.
// Usage: JWT_SECRET=... node relay.js --port 5001   (prints "listening on <port>")
"use strict";
const crypto = require("node:crypto");
const { WebSocketServer } = require("ws");
const { settings, healthServer, userFromToken, directMessage, listen } = require("./common");

const PING_INTERVAL_MS = 25000;
const PING_TIMEOUT_MS = 20000;
const CONNECT_TIMEOUT_MS = 45000; // socket.io's connectTimeout: an open socket that never sends CONNECT
const MAX_PAYLOAD = 1000000;
const OPEN_FIELDS = `"upgrades":[],"pingInterval":${PING_INTERVAL_MS},"pingTimeout":${PING_TIMEOUT_MS},"maxPayload":${MAX_PAYLOAD}}`;

const { port, secret, emitMessageSent } = settings();
const connections = new Set(); // every open socket: { ws, user, openedAt, nextPingAt, pongDeadline }
const socketsByUser = new Map(); // userId -> Set<connection>
const seqByConversation = new Map();

const httpServer = healthServer();
const wss = new WebSocketServer({ noServer: true, clientTracking: false, perMessageDeflate: false, maxPayload: MAX_PAYLOAD });

httpServer.on("upgrade", (req, socket, head) => {
  const q = req.url.indexOf("?");
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const query = new URLSearchParams(q < 0 ? "" : req.url.slice(q + 1));
  if (path !== "/socket.io/" || query.get("EIO") !== "4" || query.get("transport") !== "websocket") {
    socket.on("error", () => socket.destroy());
    socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    return;
  }
  wss.handleUpgrade(req, socket, head, onOpen);
});

function onOpen(ws) {
  const now = Date.now();
  const c = { ws, user: null, openedAt: now, nextPingAt: now + PING_INTERVAL_MS, pongDeadline: 0 };
  connections.add(c);
  ws.send(`0{"sid":"${newId()}",${OPEN_FIELDS}`);
  ws.on("message", (data, isBinary) => {
    try {
      if (isBinary) throw new Error("binary frames are not supported");
      onEngineIoPacket(c, data.toString());
    } catch (e) {
      ws.close();
    }
  });
  ws.on("error", () => {}); // a protocol error (bad frame, too large): ws closes the socket next
  ws.on("close", () => {
    connections.delete(c);
    if (!c.user) return;
    const mine = socketsByUser.get(c.user.id);
    mine.delete(c);
    if (mine.size === 0) socketsByUser.delete(c.user.id);
  });
}

function onEngineIoPacket(c, text) {
  switch (text[0]) {
    case "3": // pong: the next ping one interval from now
      c.pongDeadline = 0;
      c.nextPingAt = Date.now() + PING_INTERVAL_MS;
      return;
    case "4":
      return onSocketIoPacket(c, decode(text));
    case "1":
      return c.ws.close();
    case "6": // noop
      return;
    default:
      throw new Error("unexpected Engine.IO packet");
  }
}

// "4<type>[/nsp,][ackId][json]" -> { type, nsp, id, data }; throws on what socket.io's parser rejects.
function decode(text) {
  const type = text.charCodeAt(1) - 48;
  let i = 2;
  let nsp = "/";
  if (text[i] === "/") {
    const comma = text.indexOf(",", i);
    nsp = text.slice(i, comma < 0 ? text.length : comma);
    i = comma < 0 ? text.length : comma + 1;
  }
  const idStart = i;
  while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  const id = i > idStart ? Number(text.slice(idStart, i)) : -1;
  const data = i < text.length ? JSON.parse(text.slice(i)) : undefined;
  return { type, nsp, id, data };
}

function onSocketIoPacket(c, p) {
  if (p.type === 0) { // CONNECT
    if (p.data !== undefined && !isObject(p.data)) throw new Error("invalid CONNECT payload");
    if (p.nsp !== "/") return c.ws.send(`44${p.nsp},{"message":"Invalid namespace"}`);
    if (!c.user) connect(c, p.data || {});
    return;
  }
  if (!c.user || p.nsp !== "/") throw new Error("packet for a namespace not connected"); // socket.io closes too
  switch (p.type) {
    case 1: // DISCONNECT
      return c.ws.close();
    case 2: // EVENT
      if (!Array.isArray(p.data) || typeof p.data[0] !== "string") throw new Error("invalid EVENT payload");
      if (p.data[0] === "send-message") sendMessage(c, p.data[1], p.id);
      return;
    case 3: // ACK: the relay never asks the client for one
      return;
    default:
      throw new Error("unsupported Socket.IO packet");
  }
}

function connect(c, auth) {
  const { user, code } = userFromToken(auth.token, secret);
  if (!user) return connectError(c, code);
  c.user = user;
  let mine = socketsByUser.get(user.id);
  if (!mine) socketsByUser.set(user.id, (mine = new Set()));
  mine.add(c);
  c.ws.send(`40{"sid":"${newId()}"}`);
}

// As socket.io does for a middleware's error: the socket stays open, unconnected (the connect timeout ends it).
function connectError(c, code) {
  c.ws.send(`44${JSON.stringify({ message: code, data: { code } })}`);
}

function sendMessage(c, payload, ackId) {
  const reply = (body) => {
    if (ackId >= 0) c.ws.send(`43${ackId}[${body}]`);
  };
  const { message: built, reply: refusal } = directMessage(c.user, payload, seqByConversation);
  if (!built) return reply(JSON.stringify(refusal));
  const message = JSON.stringify(built);
  const theirs = socketsByUser.get(built.receiverId);
  if (theirs) {
    const frame = `42["receive-message",${message}]`; // encoded once for all the receiver's sockets
    for (const s of theirs) s.ws.send(frame);
  }
  if (emitMessageSent) c.ws.send(`42["message-sent",${message}]`);
  reply(`{"ok":true,"data":${message}}`);
}

// Engine.IO's heartbeat and socket.io's connect timeout for every socket, from one timer.
setInterval(() => {
  const now = Date.now();
  for (const c of connections) {
    if (c.pongDeadline > 0) {
      if (now >= c.pongDeadline) c.ws.close();
    } else if (now >= c.nextPingAt) {
      c.ws.send("2");
      c.pongDeadline = now + PING_TIMEOUT_MS;
    }
    if (!c.user && now - c.openedAt >= CONNECT_TIMEOUT_MS) c.ws.close();
  }
}, 1000);

function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function newId() {
  return crypto.randomBytes(15).toString("base64url");
}

listen(httpServer, port);
