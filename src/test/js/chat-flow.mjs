// Runs the official Socket.IO JavaScript client against a Switchboard server: three connections
// (WebSocket only, polling only, and the default polling-then-upgrade), a seed 001 exchange and a
// seed 004 exchange with acknowledgements, and a text round trip across both transports.
//
// Usage: node chat-flow.mjs [url] [customerToken] [agentToken]
//   or the environment variables SWITCHBOARD_URL, CUSTOMER_TOKEN, AGENT_TOKEN.
// The customer and the agent must be allowed to talk (e.g. roles customer and agent).
// Prints one PASS or FAIL line per check and, last, "js-client: N passed, M failed".
// Exits 0 only if every check passed. Every wait is bounded.
import { io } from "socket.io-client";

const [argUrl, argCustomer, argAgent] = process.argv.slice(2);
const url = argUrl ?? process.env.SWITCHBOARD_URL;
const customerToken = argCustomer ?? process.env.CUSTOMER_TOKEN;
const agentToken = argAgent ?? process.env.AGENT_TOKEN;
const WAIT_MS = 5000;
const OVERALL_MS = 60000;

let passed = 0;
let failed = 0;

function report(name, error) {
  if (error) {
    failed++;
    console.log(`FAIL ${name}: ${error.message ?? error}`);
  } else {
    passed++;
    console.log(`PASS ${name}`);
  }
}

function finish() {
  console.log(`js-client: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function withTimeout(promise, what, ms = WAIT_MS) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Records every event a socket receives, so a test can wait for one that arrived before it asked. */
class Recorder {
  constructor(socket) {
    this.socket = socket;
    this.seen = [];
    this.waiters = [];
    socket.onAny((event, ...args) => {
      const entry = { event, args, taken: false };
      this.seen.push(entry);
      for (const waiter of [...this.waiters]) waiter(entry);
    });
  }

  /** The next not yet taken occurrence of event whose first argument satisfies match. */
  next(event, match = () => true, ms = WAIT_MS) {
    const take = (entry) => !entry.taken && entry.event === event && match(entry.args[0]);
    const found = this.seen.find(take);
    if (found) {
      found.taken = true;
      return Promise.resolve(found.args[0]);
    }
    let waiter;
    const arrival = new Promise((resolve) => {
      waiter = (entry) => {
        if (take(entry)) {
          entry.taken = true;
          resolve(entry.args[0]);
        }
      };
      this.waiters.push(waiter);
    });
    return withTimeout(arrival, `'${event}'`, ms).finally(() => {
      this.waiters = this.waiters.filter((w) => w !== waiter);
    });
  }

  /** Fails if event (matching) arrives within ms. */
  async none(event, match = () => true, ms = 400) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    const extra = this.seen.find((e) => !e.taken && e.event === event && match(e.args[0]));
    assert(!extra, `unexpected '${event}': ${JSON.stringify(extra?.args[0])}`);
  }
}

function connect(token, options) {
  const socket = io(url, { auth: { token }, forceNew: true, reconnection: false, timeout: WAIT_MS, ...options });
  const recorder = new Recorder(socket);
  const connected = new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(recorder));
    socket.once("connect_error", (error) => reject(new Error(`connect_error: ${error.message}`)));
  });
  return withTimeout(connected, "connect");
}

/** Emits with an acknowledgement and returns the ack's data, failing on {ok:false}. */
async function call(recorder, event, payload) {
  const reply = await recorder.socket.timeout(WAIT_MS).emitWithAck(event, payload);
  assert(reply && reply.ok === true, `${event} answered ${JSON.stringify(reply)}`);
  return reply.data;
}

async function check(name, body) {
  try {
    await body();
    report(name);
  } catch (error) {
    report(name, error);
  }
}

async function me(token) {
  const response = await withTimeout(fetch(`${url}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } }),
    "GET /api/auth/me");
  assert(response.status === 200, `GET /api/auth/me answered ${response.status}`);
  return response.json();
}

async function main() {
  if (!url || !customerToken || !agentToken) {
    report("arguments", new Error("usage: node chat-flow.mjs <url> <customerToken> <agentToken>"));
    finish();
  }
  setTimeout(() => {
    report("whole run", new Error(`did not finish within ${OVERALL_MS} ms`));
    finish();
  }, OVERALL_MS).unref();

  const customer = await me(customerToken);
  const agent = await me(agentToken);
  const sockets = [];
  let ws, polling, upgraded;
  await check("connect over WebSocket only", async () => {
    ws = await connect(customerToken, { transports: ["websocket"] });
    sockets.push(ws.socket);
    assert(ws.socket.io.engine.transport.name === "websocket", `transport is ${ws.socket.io.engine.transport.name}`);
  });
  await check("connect over polling only", async () => {
    polling = await connect(agentToken, { transports: ["polling"] });
    sockets.push(polling.socket);
    assert(polling.socket.io.engine.transport.name === "polling", `transport is ${polling.socket.io.engine.transport.name}`);
  });
  await check("connect with the default upgrade from polling to WebSocket", async () => {
    upgraded = await connect(customerToken, {});
    sockets.push(upgraded.socket);
    const engine = upgraded.socket.io.engine;
    if (engine.transport.name !== "websocket") {
      await withTimeout(new Promise((resolve) => engine.once("upgrade", resolve)), "the upgrade");
    }
    assert(engine.transport.name === "websocket", `transport is ${engine.transport.name}`);
  });
  await check("a bad token is refused with a code", async () => {
    const refused = io(url, { auth: { token: "not-a-token" }, forceNew: true, reconnection: false, timeout: WAIT_MS });
    try {
      const error = await withTimeout(new Promise((resolve, reject) => {
        refused.once("connect_error", resolve);
        refused.once("connect", () => reject(new Error("connected with a bad token")));
      }), "connect_error");
      assert(error.data?.code === "INVALID_TOKEN", `connect_error data ${JSON.stringify(error.data)}`);
    } finally {
      refused.close();
    }
  });
  if (!ws || !polling || !upgraded) {
    sockets.forEach((s) => s.close());
    finish();
  }

  let conversationId;
  await check("seed 001: chat:get_or_create_conversation and chat:join with acks", async () => {
    const conversation = await call(ws, "chat:get_or_create_conversation", { participantId: agent.id });
    conversationId = conversation.id;
    assert(conversation.participants.includes(customer.id) && conversation.participants.includes(agent.id),
      `participants ${conversation.participants}`);
    const joined = await call(polling, "chat:join", { conversationId });
    assert(joined.conversationId === conversationId, `joined ${JSON.stringify(joined)}`);
    await polling.next("chat:joined", (j) => j.conversationId === conversationId);
    await call(ws, "chat:join", { conversationId });
  });
  await check("seed 001: chat:send_message is acked and delivered as chat:new_message to every tab", async () => {
    const sent = await call(ws, "chat:send_message", { conversationId, message: "hello from js", clientMessageId: "js-1" });
    assert(sent.seq === 1 && sent.senderId === customer.id, `ack ${JSON.stringify(sent)}`);
    const received = await polling.next("chat:new_message", (m) => m.id === sent.id);
    assert(received.message === "hello from js", `received ${JSON.stringify(received)}`);
    await upgraded.next("chat:new_message", (m) => m.id === sent.id);
    const retry = await call(ws, "chat:send_message", { conversationId, message: "hello from js", clientMessageId: "js-1" });
    assert(retry.id === sent.id, `retry stored again: ${retry.id} != ${sent.id}`);
    await polling.none("chat:new_message", (m) => m.id === sent.id);
  });
  await check("seed 001: chat:typing reaches the other participant", async () => {
    await call(polling, "chat:typing", { conversationId, isTyping: true });
    const typing = await ws.next("chat:user_typing", (t) => t.userId === agent.id && t.isTyping === true);
    assert(typing.conversationId === conversationId, `typing ${JSON.stringify(typing)}`);
    await call(polling, "chat:typing", { conversationId, isTyping: false });
    await ws.next("chat:user_typing", (t) => t.userId === agent.id && t.isTyping === false);
  });
  await check("seed 001: chat:mark_read is acked and announced as chat:messages_read", async () => {
    const read = await call(polling, "chat:mark_read", { conversationId });
    assert(read.lastReadSeq === 1, `read ${JSON.stringify(read)}`);
    await ws.next("chat:messages_read", (r) => r.userId === agent.id && r.lastReadSeq === 1);
    const unread = await call(polling, "chat:get_unread_count", {});
    assert(unread.total === 0, `unread ${JSON.stringify(unread)}`);
  });
  await check("seed 001: an error comes back in the ack with a stable code", async () => {
    const reply = await ws.socket.timeout(WAIT_MS).emitWithAck("chat:join", { conversationId: "no-such-conversation" });
    assert(reply.ok === false && reply.error?.code === "CONVERSATION_NOT_FOUND", `reply ${JSON.stringify(reply)}`);
  });
  await check("seed 004: send-message is acked and delivered in each tab's dialect", async () => {
    const sent = await call(polling, "send-message", { receiverId: customer.id, message: "hi from the agent" });
    assert(sent.senderId === agent.id && sent.receiverId === customer.id, `ack ${JSON.stringify(sent)}`);
    assert(sent.conversationId === conversationId, `seed 004 used another conversation: ${sent.conversationId}`);
    // ws has spoken the native dialect: one copy, native; upgraded has sent nothing: every dialect
    const native = await ws.next("chat:new_message", (m) => m.id === sent.id);
    assert(native.text === "hi from the agent", `received ${JSON.stringify(native)}`);
    await ws.none("receive-message", (m) => m.id === sent.id);
    const legacy = await upgraded.next("receive-message", (m) => m.id === sent.id);
    assert(legacy.message === "hi from the agent", `received ${JSON.stringify(legacy)}`);
    await upgraded.next("chat:new_message", (m) => m.id === sent.id);
  });
  await check("seed 004: without an ack, send-message is confirmed by message-sent", async () => {
    polling.socket.emit("send-message", { receiverId: customer.id, message: "no ack wanted" });
    const confirmed = await polling.next("message-sent", (m) => m.message === "no ack wanted");
    assert(confirmed.senderId === agent.id, `confirmation ${JSON.stringify(confirmed)}`);
  });
  await check("seed 004: typing and stop-typing reach the receiver", async () => {
    ws.socket.emit("typing", { receiverId: agent.id });
    await polling.next("typing", (t) => t.senderId === customer.id);
    ws.socket.emit("stop-typing", { receiverId: agent.id });
    await polling.next("stop-typing", (t) => t.senderId === customer.id);
  });
  await check("text round trip across WebSocket and polling keeps every character", async () => {
    const text = "quotes \" ' backslash \\ newline\n tab\t emoji 😀👍🏽 CJK 你好 RTL שלום \u2028 end";
    const there = await call(ws, "chat:send_message", { conversationId, message: text });
    const arrived = await polling.next("chat:new_message", (m) => m.id === there.id);
    assert(arrived.message === text, `arrived as ${JSON.stringify(arrived.message)}`);
    const back = await call(polling, "chat:send_message", { conversationId, message: arrived.message });
    const returned = await ws.next("chat:new_message", (m) => m.id === back.id);
    assert(returned.message === text, `returned as ${JSON.stringify(returned.message)}`);
    const page = await call(upgraded, "chat:get_messages", { conversationId, limit: 2 });
    assert(page.messages.length === 2 && page.messages.every((m) => m.message === text),
      `history ${JSON.stringify(page.messages.map((m) => m.message))}`);
  });

  sockets.forEach((s) => s.close());
  finish();
}

main().catch((error) => {
  report("run", error);
  finish();
});
