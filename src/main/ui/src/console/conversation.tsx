// One conversation: messages, typing, the customer's read position, internal notes, ticket controls.
import { useEffect, useRef, useState } from "preact/hooks";
import type { Socket } from "socket.io-client";
import { call, errorText, mergeMessages, messagesAfter, timeOf, uuid, type Message } from "../shared/api";
import { AttachmentView, uploadAttachment } from "../shared/attachments";
import { label, PRIORITIES, STATUSES, type Person, type Ticket, type User } from "./common";

export function ConversationView({ socket, me, token, conversationId, onBack }: {
  socket: Socket; me: User; token: string; conversationId: string; onBack: () => void;
}) {
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [state, setState] = useState<{ loading: boolean; error: string | null }>({ loading: true, error: null });
  const [actionError, setActionError] = useState<string | null>(null);
  const [typing, setTyping] = useState<string | null>(null);
  const [customerReadSeq, setCustomerReadSeq] = useState(0);
  const [agents, setAgents] = useState<Person[] | null>(null);
  const messagesRef = useRef(messages);
  messagesRef.current = messages;
  const ticketRef = useRef(ticket);
  ticketRef.current = ticket;

  const catchUp = async () => {
    try {
      await call(socket, "chat:join", { conversationId });
      const known = messagesRef.current;
      const fresh = await messagesAfter(socket, conversationId, known.length ? known[known.length - 1].seq : 0);
      setMessages((ms) => mergeMessages(ms, fresh));
      const last = [...fresh].reverse().find((m) => m.senderId !== me.id);
      if (last) call(socket, "chat:mark_read", { conversationId, upToSeq: last.seq }).catch(() => undefined);
      setState({ loading: false, error: null });
    } catch (e) { setState({ loading: false, error: errorText(e) }); }
  };
  useEffect(() => {
    call<any>(socket, "ticket:get", { conversationId }).then((d) => setTicket(d?.ticket ?? d)).catch((e) => setActionError(`Ticket details unavailable: ${errorText(e)}`));
    catchUp();
    const onMessage = (m: Message) => {
      if (m.conversationId !== conversationId) return;
      setMessages((ms) => mergeMessages(ms, [m]));
      if (m.senderId !== me.id) { setTyping(null); if (!document.hidden) call(socket, "chat:mark_read", { conversationId, upToSeq: m.seq }).catch(() => undefined); }
    };
    const onUpdated = (m: Message) => { if (m.conversationId === conversationId) setMessages((ms) => mergeMessages(ms, [m])); };
    const onTyping = (t: { conversationId: string; userId: string; name: string; isTyping: boolean }) => {
      if (t.conversationId === conversationId && t.userId !== me.id) setTyping(t.isTyping ? t.name : null);
    };
    const onRead = (r: { conversationId: string; userId: string; lastReadSeq: number }) => {
      // the customer's read position (without ticket details: anyone else's, e.g. in a direct conversation)
      const customerId = ticketRef.current?.customer.id;
      if (r.conversationId === conversationId && r.userId !== me.id && (!customerId || r.userId === customerId)) setCustomerReadSeq((n) => Math.max(n, r.lastReadSeq));
    };
    const onTicket = ({ ticket: t }: { ticket: Ticket }) => { if (t.conversationId === conversationId) setTicket(t); };
    socket.on("chat:new_message", onMessage); socket.on("chat:message_updated", onUpdated); socket.on("chat:user_typing", onTyping);
    socket.on("chat:messages_read", onRead); socket.on("ticket:updated", onTicket); socket.on("connect", catchUp);
    return () => {
      socket.off("chat:new_message", onMessage); socket.off("chat:message_updated", onUpdated); socket.off("chat:user_typing", onTyping);
      socket.off("chat:messages_read", onRead); socket.off("ticket:updated", onTicket); socket.off("connect", catchUp);
      call(socket, "chat:leave", { conversationId }).catch(() => undefined);
    };
  }, [conversationId]);

  const act = async (event: string, payload: Record<string, unknown>) => {
    setActionError(null);
    try {
      const data = await call<any>(socket, event, { conversationId, ...payload });
      if (data?.ticket) setTicket(data.ticket); else if (data?.conversationId && data?.status) setTicket(data);
    } catch (e) { setActionError(errorText(e)); }
  };
  // staff names for the messages (Message carries only senderId) and the transfer list
  const [staff, setStaff] = useState<Person[]>([]);
  useEffect(() => { call<any>(socket, "agent:list", {}).then((d) => setStaff(d?.agents ?? [])).catch(() => undefined); }, [socket]);
  const loadAgents = async () => {
    try { const d = await call<any>(socket, "agent:list", {}); setStaff(d?.agents ?? []); setAgents((d?.agents ?? []).filter((a: Person) => a.id !== me.id)); }
    catch (e) { setActionError(`Agents unavailable: ${errorText(e)}`); }
  };

  // The customer's read position: live chat:messages_read events, and after a (re)load the ticket's
  // unreadByCustomer — the last that many staff messages the customer can see are unread, the rest read.
  const readSeq = Math.max(customerReadSeq, readFromTicket(messages, ticket));

  return (
    <section class="conversation" aria-labelledby="conv-title">
      <div class="conv-head">
        <button type="button" class="ghost" onClick={onBack}>← Back</button>
        <div class="conv-title">
          <h2 id="conv-title">{ticket?.customer?.name ?? "Conversation"}</h2>
          <div class="muted small">{ticket?.customer?.email ?? ""}{ticket?.subject ? ` · ${ticket.subject}` : ""}</div>
        </div>
        {ticket && (
          <div class="controls">
            <label>Status<select value={ticket.status} onChange={(e) => act("ticket:update", { status: (e.target as HTMLSelectElement).value })}>
              {STATUSES.map((s) => <option value={s}>{label(s)}</option>)}</select></label>
            <label>Priority<select value={ticket.priority} onChange={(e) => act("ticket:update", { priority: (e.target as HTMLSelectElement).value })}>
              {PRIORITIES.map((p) => <option value={p}>{label(p)}</option>)}</select></label>
            <span class="muted small">Assignee: {ticket.assignee?.name ?? "nobody"}</span>
            {ticket.assignee?.id !== me.id && <button type="button" class="ghost" onClick={() => act("ticket:assign", {})}>Assign to me</button>}
            {agents === null
              ? <button type="button" class="ghost" onClick={loadAgents}>Transfer…</button>
              : <label>Transfer to<select value="" onChange={(e) => { const v = (e.target as HTMLSelectElement).value; if (v) act("queue:transfer", v === "*" ? {} : { toAgentId: v }); }}>
                  <option value="">Choose…</option><option value="*">Any available agent</option>
                  {agents.map((a) => <option value={a.id}>{a.name}</option>)}</select></label>}
          </div>
        )}
      </div>
      {actionError && <p class="error" role="alert">{actionError}</p>}
      <div class="messages" role="log" aria-label="Messages" tabIndex={0}>
        {state.loading && !messages.length ? <p class="muted" role="status">Loading messages…</p>
          : state.error ? <div class="error" role="alert">Could not load the messages: {state.error} <button type="button" class="ghost" onClick={catchUp}>Try again</button></div>
          : !messages.length ? <p class="empty">No messages yet.</p>
          : messages.map((m) => <MessageRow key={m.seq} m={m} me={me} token={token} staff={staff} ticket={ticket} customerReadSeq={readSeq} />)}
      </div>
      {typing && <div class="typing" aria-live="polite">{typing} is typing…</div>}
      <Composer socket={socket} token={token} conversationId={conversationId} onSent={(m) => setMessages((ms) => mergeMessages(ms, [m]))} onError={setActionError} />
    </section>
  );
}

function readFromTicket(messages: Message[], ticket: Ticket | null): number {
  if (!ticket || ticket.unreadByCustomer === undefined) return 0;
  // the count describes the chat up to the ticket's last message; later messages are not in it
  const upTo = ticket.lastMessage?.seq ?? 0;
  const toCustomer = messages.filter((m) => m.seq <= upTo && m.senderId !== ticket.customer.id && m.visibility !== "staff" && m.type !== "system");
  const read = toCustomer.length - ticket.unreadByCustomer;
  return read > 0 ? toCustomer[read - 1].seq : 0;
}

function MessageRow({ m, me, token, staff, ticket, customerReadSeq }: {
  m: Message; me: User; token: string; staff: Person[]; ticket: Ticket | null; customerReadSeq: number;
}) {
  const internal = m.visibility === "staff";
  const mine = m.senderId === me.id;
  const fromCustomer = ticket ? m.senderId === ticket.customer.id : !mine;
  if (m.type === "system") return <div class="system">{m.text}</div>;
  const who = mine ? "You" : fromCustomer ? (ticket?.customer.name ?? "Customer") : (m.senderName ?? staff.find((a) => a.id === m.senderId)?.name ?? "Agent");
  return (
    <article class={`msg ${internal ? "internal" : fromCustomer ? "theirs" : "ours"}`} aria-label={internal ? "Internal note" : `Message from ${who}`}>
      {internal && <div class="note-label">Internal note · not visible to the customer</div>}
      {m.deletedAt ? <div class="text"><em>Message deleted</em></div> : (!m.attachments?.length || m.type === "text") && <div class="text">{m.text}</div>}
      {!m.deletedAt && m.attachments?.map((a) => <AttachmentView key={a.id} base="" token={token} a={a} cls="" />)}
      <div class="meta">{who} · {timeOf(m.createdAt)}{!fromCustomer && !internal && <span>{customerReadSeq >= m.seq ? " · Read" : " · Delivered"}</span>}</div>
    </article>
  );
}

function Composer({ socket, token, conversationId, onSent, onError }: {
  socket: Socket; token: string; conversationId: string; onSent: (m: Message) => void; onError: (e: string) => void;
}) {
  const [text, setText] = useState("");
  const fileRef = useRef<HTMLInputElement>(null);
  const [internal, setInternal] = useState(false);
  const [busy, setBusy] = useState(false);
  const lastTyping = useRef(0);
  const signal = (isTyping: boolean) => {
    const now = Date.now();
    if (isTyping && now - lastTyping.current < 3000) return;
    if (!isTyping && !lastTyping.current) return;
    lastTyping.current = isTyping ? now : 0;
    // while writing a note: internal, so only staff learn of it
    socket.emit("chat:typing", { conversationId, isTyping, ...(internal && { internal: true }) }, () => undefined);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const t = text.trim();
    if (!t || busy) return;
    setBusy(true); signal(false);
    const clientMessageId = uuid();
    try {
      // retried with the same clientMessageId once on a lost ack: the server stores it once
      const payload = { conversationId, message: t, clientMessageId, ...(internal && { internal: true }) };
      const m = await call<Message>(socket, "chat:send_message", payload).catch((err) => err?.code === "TIMEOUT" ? call<Message>(socket, "chat:send_message", payload) : Promise.reject(err));
      onSent(m); setText("");
    } catch (err) { onError(`Not sent: ${errorText(err)}`); }
    finally { setBusy(false); }
  };
  // uploads the file, then sends a message (or a note) that refers to it
  const attach = async (file: File) => {
    setBusy(true);
    try {
      const stored = await uploadAttachment("", token, conversationId, file);
      const m = await call<Message>(socket, "chat:send_message",
        { conversationId, attachments: [stored.id], clientMessageId: uuid(), ...(internal && { internal: true }) });
      onSent(m);
    } catch (err) { onError(`File not sent: ${errorText(err)}`); }
    finally { setBusy(false); }
  };
  return (
    <form class={`composer ${internal ? "composer-internal" : ""}`} onSubmit={submit}>
      <label class="toggle"><input type="checkbox" checked={internal} onChange={(e) => setInternal((e.target as HTMLInputElement).checked)} />
        Internal note (staff only)</label>
      <div class="row">
        <label class="sr" for="composer-input">{internal ? "Internal note" : "Reply to the customer"}</label>
        <textarea id="composer-input" rows={2} maxLength={10000} value={text}
          placeholder={internal ? "Write an internal note — the customer will not see it" : "Reply to the customer…"}
          onInput={(e) => { setText((e.target as HTMLTextAreaElement).value); signal(true); }} onBlur={() => signal(false)}
          onKeyDown={(e) => { if (e.key === "Enter" && !e.shiftKey) submit(e); }} />
        <input ref={fileRef} type="file" class="sr" tabIndex={-1} aria-hidden="true" onChange={(e) => {
          const input = e.target as HTMLInputElement; const f = input.files?.[0]; input.value = ""; if (f) attach(f); }} />
        <button type="button" class="ghost" disabled={busy} onClick={() => fileRef.current?.click()}>{internal ? "Attach to note…" : "Attach…"}</button>
        <button type="submit" class={internal ? "note-button" : "primary"} disabled={busy}>{internal ? "Add note" : "Send"}</button>
      </div>
    </form>
  );
}
