// The customer widget: <script src="https://support.example.com/widget.js" async></script> adds a
// floating button that opens a chat panel. Rendered in a shadow root so the host page's CSS and the
// widget's never meet. Everything people type is rendered as text (Preact text nodes), never HTML.
import { render } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { io, type Socket } from "socket.io-client";
import { call, CONNECTION, errorText, mergeMessages, messagesAfter, postJson, uuid, type Message } from "../shared/api";
import { loadAttachmentLimits, refusalOf, uploadAttachment, type AttachmentLimits } from "../shared/attachments";
import { Composer, MessageList, OfflineForm, PreChatForm, type Details, type Pending } from "./parts";
import css from "./widget.css";

type Session = {
  token: string; expiresAt: string; user: { id: string; name: string };
  conversationId?: string; phase?: Phase; details?: Details;
};type Phase = "form" | "joining" | "waiting" | "chatting" | "ended" | "offline" | "offline-sent";type Agent = { id: string; name: string };

const script = (document.currentScript as HTMLScriptElement | null)
  ?? document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');
const BASE = script ? new URL(script.src, location.href).origin : location.origin;
const STORE_KEY = `switchboard.widget:${BASE}`;

function loadSession(): Session | null {
  try {
    const s = JSON.parse(localStorage.getItem(STORE_KEY) || "null") as Session | null;
    if (s && s.token && new Date(s.expiresAt).getTime() > Date.now() + 60_000) return s;
  } catch { /* unreadable: start over */ }
  localStorage.removeItem(STORE_KEY);
  return null;
}
function saveSession(s: Session | null) {
  if (s) localStorage.setItem(STORE_KEY, JSON.stringify(s)); else localStorage.removeItem(STORE_KEY);
}

function Widget() {
  const [open, setOpen] = useState(false);
  const [session, setSessionState] = useState<Session | null>(loadSession);
  const [phase, setPhase] = useState<Phase>(session?.phase ?? "form");
  const [connection, setConnection] = useState<"idle" | "connecting" | "online" | "reconnecting">("idle");
  const [messages, setMessages] = useState<Message[]>([]);
  const [pending, setPending] = useState<Pending[]>([]);
  const [agent, setAgent] = useState<Agent | null>(null);
  const [position, setPosition] = useState<{ position: number; estimatedWaitSeconds?: number } | null>(null);
  const [agentTyping, setAgentTyping] = useState<string | null>(null);
  const [agentReadSeq, setAgentReadSeq] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const socketRef = useRef<Socket | null>(null);
  const limitsRef = useRef<AttachmentLimits | null>(null);
  const stateRef = useRef({ session, phase, messages, pending, open });
  stateRef.current = { session, phase, messages, pending, open };

  const setSession = (s: Session | null) => { saveSession(s); setSessionState(s); };
  const updateSession = (patch: Partial<Session>) => {
    const s = stateRef.current.session;
    if (s) setSession({ ...s, ...patch });
  };
  // stateRef follows at once: events handled before the next render (queue:no_agents before the
  // queue:join ack) must see the phase already chosen
  const goTo = (p: Phase) => {
    stateRef.current.phase = p; setPhase(p); updateSession({ phase: p });
    if (p === "ended") setNotice(null); // "you are now talking to …" is over with the chat
  };

  // One connection per visitor session; it reconnects by itself and catches up on every connect.
  useEffect(() => {
    if (!session) return;
    setConnection("connecting");
    // fetched ahead, so that a file the server would refuse is refused at once, without a round trip
    if (!limitsRef.current) loadAttachmentLimits(BASE).then((l) => { limitsRef.current = l; });
    const socket = io(BASE, { ...CONNECTION, auth: { token: session.token } });
    socketRef.current = socket;
    let connectedOnce = false;

    socket.on("connect", async () => {
      setConnection("online");
      setError(null);
      const { session: s, phase: p } = stateRef.current;
      if (connectedOnce || (s && s.conversationId)) await catchUp(socket);
      connectedOnce = true;
      if (p === "waiting" || p === "joining") await joinQueue(socket, s?.details);
    });
    socket.on("disconnect", () => setConnection("reconnecting"));
    socket.on("connect_error", (err: any) => {
      const code = err?.data?.code;
      if (code === "INVALID_TOKEN" || code === "TOKEN_EXPIRED" || code === "ACCOUNT_INACTIVE") {
        socket.close();
        setSession(null);
        setPhase("form");
        setMessages([]);
        setNotice("Your previous chat session has expired. Please start a new one.");
      } else {
        setConnection("reconnecting");
      }
    });
    socket.on("chat:new_message", (m: Message) => {
      const s = stateRef.current.session;
      if (!s || m.conversationId !== s.conversationId) return;
      setMessages((ms) => mergeMessages(ms, [m]));
      if (m.clientMessageId) setPending((ps) => ps.filter((p) => p.clientMessageId !== m.clientMessageId));
      if (m.senderId !== s.user.id) {
        setAgentTyping(null);
        if (stateRef.current.open) markRead(socket, m.seq);
      }
    });
    socket.on("chat:user_typing", (t: { conversationId: string; userId: string; name: string; isTyping: boolean }) => {
      const s = stateRef.current.session;
      if (s && t.conversationId === s.conversationId && t.userId !== s.user.id) setAgentTyping(t.isTyping ? t.name : null);
    });
    socket.on("chat:messages_read", (r: { conversationId: string; userId: string; lastReadSeq: number }) => {
      const s = stateRef.current.session;
      if (s && r.conversationId === s.conversationId && r.userId !== s.user.id) setAgentReadSeq((n) => Math.max(n, r.lastReadSeq));
    });
    socket.on("queue:position", (q: { conversationId: string; position: number; estimatedWaitSeconds?: number }) => {
      setPosition({ position: q.position, estimatedWaitSeconds: q.estimatedWaitSeconds });
      if (stateRef.current.phase === "joining") goTo("waiting"); // never out of the offline form or a chat
    });
    socket.on("queue:assigned", (a: { conversationId: string; agent: Agent }) => {
      setAgent(a.agent);
      setPosition(null);
      noteConversation(socket, a.conversationId);
      goTo("chatting");
    });
    socket.on("queue:transferred", (t: { to?: Agent }) => {
      if (t.to) { setAgent(t.to); setNotice(`You are now talking to ${t.to.name}.`); }
    });
    socket.on("queue:ended", () => { setAgentTyping(null); goTo("ended"); });
    socket.on("queue:no_agents", (n: { staffed: boolean }) => {
      if (!n.staffed) goTo("offline");
      else setNotice("All agents are busy right now; you keep your place in the queue.");
    });
    socket.on("ticket:updated", ({ ticket }: { ticket: { conversationId: string; status: string; assignee: Agent | null; staffLastReadSeq?: number } }) => {
      const s = stateRef.current.session;
      if (!s || ticket.conversationId !== s.conversationId) return;
      if (ticket.assignee) setAgent(ticket.assignee);
      if (typeof ticket.staffLastReadSeq === "number") setAgentReadSeq((n) => Math.max(n, ticket.staffLastReadSeq!));
      if ((ticket.status === "resolved" || ticket.status === "closed") && stateRef.current.phase === "chatting") goTo("ended");
    });
    return () => { socket.close(); socketRef.current = null; };
  }, [session?.token]);

  useEffect(() => { // opening the panel reads what is there
    const s = session, socket = socketRef.current;
    if (open && s && socket && socket.connected) {
      const last = lastSeqFrom(messages, s.user.id, true);
      if (last) markRead(socket, last);
    }
  }, [open, messages.length]);

  function noteConversation(socket: Socket, conversationId: string) {
    const s = stateRef.current.session;
    if (!s || s.conversationId === conversationId) return;
    updateSession({ conversationId });
    stateRef.current.session = { ...s, conversationId };
    catchUp(socket);
  }

  async function catchUp(socket: Socket) {
    const s = stateRef.current.session;
    if (!s || !s.conversationId) return;
    try {
      await call(socket, "chat:join", { conversationId: s.conversationId });
      const known = stateRef.current.messages;
      const after = known.length ? known[known.length - 1].seq : 0;
      const fresh = await messagesAfter(socket, s.conversationId, after);
      setMessages((ms) => mergeMessages(ms, fresh));
      const sent = new Set(fresh.map((m) => m.clientMessageId));
      setPending((ps) => ps.filter((p) => !sent.has(p.clientMessageId)));
      for (const p of stateRef.current.pending) if (!sent.has(p.clientMessageId)) deliver(socket, p);
      call<{ tickets?: any }>(socket, "ticket:get", { conversationId: s.conversationId })
        .then((t: any) => {
          const ticket = t?.ticket ?? t;
          if (ticket?.assignee) setAgent(ticket.assignee);
          // how far staff have read, so "Read" survives a reload without waiting for a live read event
          if (typeof ticket?.staffLastReadSeq === "number") setAgentReadSeq((n) => Math.max(n, ticket.staffLastReadSeq));
        })
        .catch(() => { /* older servers: the agent's name comes with queue:assigned */ });
    } catch (e) {
      setError(`Could not load the conversation: ${errorText(e)}`);
    }
  }

  async function joinQueue(socket: Socket, details?: Details) {
    try {
      // ack {entry, chat: {conversationId, assigneeId, ...}, position: {position, estimatedWaitSeconds} | null}
      const data = await call<{ entry?: { conversationId?: string | null }; chat?: { conversationId?: string; assigneeId?: string | null };
        position?: { position: number; estimatedWaitSeconds?: number } | null }>(socket, "queue:join",
        details ? { name: details.name, email: details.email || undefined, topic: details.topic } : {});
      const conversationId = data.chat?.conversationId ?? data.entry?.conversationId ?? undefined;
      if (data.position) setPosition({ position: data.position.position, estimatedWaitSeconds: data.position.estimatedWaitSeconds });
      if (data.chat?.assigneeId) goTo("chatting"); // the agent's name comes with ticket:get when catching up
      else if (stateRef.current.phase === "joining") goTo("waiting");
      if (conversationId) noteConversation(socket, conversationId);
    } catch (e: any) {
      if (e?.code === "NO_AGENTS" || e?.code === "OUTSIDE_HOURS") goTo("offline");
      else setError(`Could not join the queue: ${errorText(e)}`);
    }
  }

  async function start(details: Details) {
    setError(null);
    setNotice(null);
    const socket = socketRef.current, current = stateRef.current.session;
    if (current && socket && socket.connected) { // same visitor, a new chat: keep the session and its history
      const next = { ...current, details, phase: "joining" as Phase };
      setSession(next);
      stateRef.current.session = next;
      setPhase("joining");
      await joinQueue(socket, details);
      return;
    }
    try {
      const v = await postJson<{ user: { id: string; name: string }; accessToken: string; accessTokenExpiresAt: string }>(
        `${BASE}/api/auth/visitor`, { name: details.name, email: details.email || undefined });
      setPhase("joining");
      setSession({ token: v.accessToken, expiresAt: v.accessTokenExpiresAt, user: v.user, phase: "joining", details });
    } catch (e) {
      setError(`Could not start the chat: ${errorText(e)}`);
    }
  }

  function deliver(socket: Socket, p: Pending) {
    const s = stateRef.current.session;
    if (!s?.conversationId) return;
    call<Message>(socket, "chat:send_message", { conversationId: s.conversationId, message: p.text, clientMessageId: p.clientMessageId })
      .then((m) => {
        setMessages((ms) => mergeMessages(ms, [m]));
        setPending((ps) => ps.filter((x) => x.clientMessageId !== p.clientMessageId));
      })
      .catch((e) => {
        // not acknowledged: kept and sent again (same clientMessageId) after the next reconnect, or by "Retry"
        setPending((ps) => ps.map((x) => x.clientMessageId === p.clientMessageId ? { ...x, failed: true } : x));
        if (e?.code !== "TIMEOUT") setError(`Message not sent: ${errorText(e)}`);
      });
  }

  function send(text: string) {
    const p: Pending = { clientMessageId: uuid(), text, failed: false };
    setPending((ps) => [...ps, p]);
    const socket = socketRef.current;
    if (socket && socket.connected) deliver(socket, p);
  }

  function retry(p: Pending) {
    setPending((ps) => ps.map((x) => x.clientMessageId === p.clientMessageId ? { ...x, failed: false } : x));
    const socket = socketRef.current;
    if (socket && socket.connected) deliver(socket, p);
  }

  /** Uploads the file, then sends a message that refers to it (no text: the server names the file). */
  async function attach(file: File) {
    const s = stateRef.current.session, socket = socketRef.current;
    if (!s?.conversationId || !socket || !socket.connected) { setError("Files can be sent once the chat is connected."); return; }
    const refused = refusalOf(file, limitsRef.current);
    if (refused) { setError(refused); return; }
    setError(null);
    try {
      const stored = await uploadAttachment(BASE, s.token, s.conversationId, file);
      const m = await call<Message>(socket, "chat:send_message", { conversationId: s.conversationId, attachments: [stored.id], clientMessageId: uuid() });
      setMessages((ms) => mergeMessages(ms, [m]));
    } catch (e) {
      setError(`File not sent: ${errorText(e)}`);
    }
  }

  async function leaveMessage(form: { name: string; email: string; subject: string; message: string }) {
    const socket = socketRef.current;
    if (!socket) return;
    try {
      const data = await call<{ ticket: { conversationId: string } }>(socket, "queue:leave_message", form);
      if (data.ticket?.conversationId) updateSession({ conversationId: data.ticket.conversationId });
      goTo("offline-sent");
    } catch (e) {
      setError(`Could not send your message: ${errorText(e)}`);
    }
  }

  function newChat() {
    const s = stateRef.current.session;
    setMessages([]); setPending([]); setAgent(null); setAgentReadSeq(0); setPosition(null);
    if (s) { setSession({ ...s, conversationId: undefined, phase: "form" }); }
    setPhase("form");
  }

  const panelRef = useRef<HTMLElement>(null);
  const launcherRef = useRef<HTMLButtonElement>(null);
  useEffect(() => { // opening moves focus into the panel: the first field, or the message box
    if (open) panelRef.current?.querySelector<HTMLElement>("input, textarea")?.focus();
  }, [open]);
  const typing = useTypingSignal(socketRef, session?.conversationId);
  const lastReadRef = useRef(0);
  if (open && messages.length) lastReadRef.current = messages[messages.length - 1].seq;
  const unread = session ? messages.filter((m) => m.senderId !== session.user.id && m.seq > lastReadRef.current).length : 0;

  return (
    <div class={`sbw ${open ? "sbw-open" : ""}`}>
      {open && (
        <section class="sbw-panel" role="dialog" aria-label="Chat with support" aria-modal="false" ref={panelRef}
          onKeyDown={(e) => { if (e.key === "Escape") { setOpen(false); launcherRef.current?.focus(); } }}>
          <header class="sbw-head">
            <div>
              <div class="sbw-title">{agent && phase === "chatting" ? agent.name : "Support"}</div>
              <div class="sbw-sub" aria-live="polite">{statusLine(phase, position, agent, connection)}</div>
            </div>
            <button type="button" class="sbw-close" aria-label="Close chat" onClick={() => setOpen(false)}>×</button>
          </header>
          {connection === "reconnecting" && <div class="sbw-banner" role="status">Reconnecting… your messages will be sent when the connection is back.</div>}
          {notice && <div class="sbw-notice" role="status">{notice}</div>}
          {error && <div class="sbw-error" role="alert">{error}</div>}
          {phase === "form" && <PreChatForm onSubmit={start} initial={session?.details} />}
          {phase === "offline" && <OfflineForm initial={session?.details} onSubmit={leaveMessage} />}
          {phase === "offline-sent" && <p class="sbw-empty" role="status">Thank you — your message has been received. We will reply by e-mail.</p>}
          {(phase === "joining" || phase === "waiting" || phase === "chatting" || phase === "ended") && (
            <>
              <MessageList base={BASE} token={session!.token} me={session!.user.id} messages={messages} pending={pending} agentReadSeq={agentReadSeq} onRetry={retry}
                empty={phase === "chatting" ? "Say hello!" : "Write your question while you wait — the agent will see it."} />
              {agentTyping && <div class="sbw-typing" aria-live="polite">{agentTyping} is typing…</div>}
              {phase === "ended"
                ? <div class="sbw-ended"><p>This chat has ended.</p><button type="button" class="sbw-primary" onClick={newChat}>Start a new chat</button></div>
                : <Composer onSend={(t) => { typing(false); send(t); }} onTyping={typing} onAttach={attach} />}
            </>
          )}
        </section>
      )}
      <button type="button" class="sbw-launcher" ref={launcherRef} aria-label={open ? "Close chat" : "Chat with support"} aria-expanded={open}
        onClick={() => setOpen(!open)}>
        {open ? "×" : <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z" /></svg>}
        {!open && unread > 0 && <span class="sbw-badge" aria-label={`${unread} unread`}>{unread}</span>}
      </button>
    </div>
  );
}

function lastSeqFrom(messages: Message[], me: string, fromOthers: boolean): number {
  for (let i = messages.length - 1; i >= 0; i--) if (!fromOthers || messages[i].senderId !== me) return messages[i].seq;
  return 0;
}

const readSent = new WeakMap<Socket, number>();
function markRead(socket: Socket, seq: number) {
  if ((readSent.get(socket) ?? 0) >= seq) return;
  readSent.set(socket, seq);
  const conversationId = (JSON.parse(localStorage.getItem(STORE_KEY) || "{}") as Session).conversationId;
  if (conversationId) call(socket, "chat:mark_read", { conversationId, upToSeq: seq }).catch(() => readSent.delete(socket));
}

function statusLine(phase: Phase, position: { position: number; estimatedWaitSeconds?: number } | null, agent: Agent | null, connection: string): string {
  if (connection === "reconnecting") return "Reconnecting…";
  switch (phase) {
    case "form": return "We usually answer within minutes";
    case "joining": return "Connecting you to an agent…";
    case "waiting": {
      if (!position) return "Waiting for an agent…";
      const wait = position.estimatedWaitSeconds ? ` · about ${Math.max(1, Math.round(position.estimatedWaitSeconds / 60))} min` : "";
      return `You are number ${position.position} in the queue${wait}`;
    }
    case "chatting": return agent ? `You are chatting with ${agent.name}` : "Connected";
    case "ended": return "Chat ended";
    case "offline": return "No agents are available right now";
    case "offline-sent": return "Message received";
  }
}

/** Sends chat:typing true at most every 3 s while typing, and false when stopped. */
function useTypingSignal(socketRef: { current: Socket | null }, conversationId?: string) {
  const last = useRef(0);
  return useMemo(() => (isTyping: boolean) => {
    const socket = socketRef.current;
    if (!socket || !socket.connected || !conversationId) return;
    const now = Date.now();
    if (isTyping && now - last.current < 3000) return;
    if (!isTyping && last.current === 0) return;
    last.current = isTyping ? now : 0;
    socket.emit("chat:typing", { conversationId, isTyping }, () => { /* ack ignored */ });
  }, [conversationId]);
}
function mount() {
  if (document.getElementById("switchboard-widget")) return;
  const host = document.createElement("div");
  host.id = "switchboard-widget";
  document.body.appendChild(host);
  const root = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = css;
  root.appendChild(style);
  const container = document.createElement("div");
  root.appendChild(container);
  render(<Widget />, container);
}

if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);