// The agent and admin console at /console: sign-in, availability, the live queue, ticket lists with
// filters and unread badges (paginated), and the conversation view. Everything users type is
// rendered as text (Preact text nodes), never as HTML.
import { render } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { io, type Socket } from "socket.io-client";
import { call, errorText, mergeMessages, messagesAfter, postJson, timeOf, uuid, type Message } from "../shared/api";
import "./console.css";

type User = { id: string; name: string; role: string; email?: string };
type Auth = { user: User; accessToken: string; accessTokenExpiresAt: string; refreshToken?: string };
type Person = { id: string; name: string; email?: string | null };
type Ticket = {
  id: string; conversationId: string; customer: Person; assignee: Person | null; department?: string | null; subject?: string | null;
  priority: string; status: string; unreadCount?: number; lastMessage?: Message | null; createdAt: string; updatedAt: string;
};
type QueueEntry = { id: string; conversationId?: string; customer?: Person; department?: string | null; subject?: string | null;
  position?: number; joinedAt?: string; createdAt?: string; status?: string };
type View = { kind: "queue" } | { kind: "tickets"; mine: boolean } | { kind: "chat"; conversationId: string; back: "queue" | "mine" | "all" };

const STORE_KEY = "switchboard.console";
const STAFF = new Set(["agent", "admin", "manager"]);
const STATUSES = ["open", "in_progress", "resolved", "closed"];
const PRIORITIES = ["low", "medium", "high", "urgent"];
const label = (s: string) => s.replace("_", " ").replace(/^./, (c) => c.toUpperCase());

function loadAuth(): Auth | null {
  try { return JSON.parse(localStorage.getItem(STORE_KEY) || "null"); } catch { return null; }
}

function App() {
  const [auth, setAuthState] = useState<Auth | null>(loadAuth);
  const setAuth = (a: Auth | null) => {
    if (a) localStorage.setItem(STORE_KEY, JSON.stringify(a)); else localStorage.removeItem(STORE_KEY);
    setAuthState(a);
  };
  if (!auth) return <SignIn onSignedIn={setAuth} />;
  return <Console auth={auth} setAuth={setAuth} />;
}

function SignIn({ onSignedIn }: { onSignedIn: (a: Auth) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <main class="signin">
      <form class="card" onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget as HTMLFormElement);
        setBusy(true); setError(null);
        try {
          const session = await postJson<Auth>("/api/auth/login", { email: String(f.get("email")).trim(), password: String(f.get("password")) });
          if (!STAFF.has(session.user.role)) setError("This console is for agents and administrators.");
          else onSignedIn(session);
        } catch (err) {
          setError(errorText(err));
        } finally { setBusy(false); }
      }}>
        <h1>Switchboard console</h1>
        <p class="muted">Sign in with your agent or admin account.</p>
        {error && <p class="error" role="alert">{error}</p>}
        <label>E-mail<input name="email" type="email" required autoComplete="username" autoFocus /></label>
        <label>Password<input name="password" type="password" required autoComplete="current-password" /></label>
        <button class="primary" type="submit" disabled={busy}>{busy ? "Signing in…" : "Sign in"}</button>
      </form>
    </main>
  );
}

function Console({ auth, setAuth }: { auth: Auth; setAuth: (a: Auth | null) => void }) {
  const [socket, setSocket] = useState<Socket | null>(null);
  const [connection, setConnection] = useState<"connecting" | "online" | "reconnecting">("connecting");
  const [view, setViewState] = useState<View>(viewFromHash);
  const setView = (v: View) => { setViewState(v); const h = hashOf(v); if (location.hash !== h) history.pushState(null, "", h); };
  useEffect(() => {
    const follow = () => setViewState(viewFromHash());
    window.addEventListener("popstate", follow);
    return () => window.removeEventListener("popstate", follow);
  }, []);
  const [availability, setAvailability] = useState("offline");
  const [availabilityError, setAvailabilityError] = useState<string | null>(null);
  const [unseen, setUnseen] = useState(0);
  const authRef = useRef(auth);
  authRef.current = auth;
  const viewRef = useRef(view);
  viewRef.current = view;

  useEffect(() => {
    const s = io(location.origin, { auth: (cb) => cb({ token: authRef.current.accessToken }) });
    s.on("connect", () => setConnection("online"));
    s.on("disconnect", () => setConnection("reconnecting"));
    s.on("connect_error", async (err: any) => {
      const code = err?.data?.code;
      if (code === "TOKEN_EXPIRED" && authRef.current.refreshToken) {
        try {
          const fresh = await postJson<Auth>("/api/auth/refresh", { refreshToken: authRef.current.refreshToken });
          authRef.current = fresh; setAuth(fresh); s.connect();
        } catch { s.close(); setAuth(null); }
      } else if (code === "INVALID_TOKEN" || code === "ACCOUNT_INACTIVE" || code === "UNAUTHENTICATED") {
        s.close(); setAuth(null);
      } else setConnection("reconnecting");
    });
    s.on("chat:new_message", (m: Message) => {
      const v = viewRef.current;
      if (m.senderId !== authRef.current.user.id && (document.hidden || v.kind !== "chat" || v.conversationId !== m.conversationId)) setUnseen((n) => n + 1);
    });
    s.on("agent:updated", ({ agent }: { agent: { id: string; availability?: string } }) => {
      if (agent && agent.id === authRef.current.user.id && agent.availability) setAvailability(agent.availability);
    });
    setSocket(s);
    return () => { s.close(); };
  }, []);

  useEffect(() => { document.title = unseen ? `(${unseen}) Switchboard console` : "Switchboard console"; }, [unseen]);
  useEffect(() => {
    const seen = () => { if (!document.hidden && viewRef.current.kind === "chat") setUnseen(0); };
    document.addEventListener("visibilitychange", seen);
    return () => document.removeEventListener("visibilitychange", seen);
  }, []);

  const open = (conversationId: string, back: "queue" | "mine" | "all") => { setUnseen(0); setView({ kind: "chat", conversationId, back }); };
  const signOut = async () => {
    if (auth.refreshToken) await postJson("/api/auth/logout", { refreshToken: auth.refreshToken }).catch(() => undefined);
    setAuth(null);
  };
  const changeAvailability = async (value: string) => {
    if (!socket) return;
    const before = availability;
    setAvailability(value); setAvailabilityError(null);
    try { await call(socket, "agent:set_availability", { availability: value }); }
    catch (e) { setAvailability(before); setAvailabilityError(`Availability not changed: ${errorText(e)}`); }
  };
  const current = view.kind === "chat" ? view.back : view.kind === "queue" ? "queue" : view.mine ? "mine" : "all";

  return (
    <div class="shell">
      <header class="topbar">
        <span class="brand">Switchboard</span>
        <nav aria-label="Sections">
          <button type="button" aria-current={current === "queue" ? "page" : undefined} onClick={() => setView({ kind: "queue" })}>Queue</button>
          <button type="button" aria-current={current === "mine" ? "page" : undefined} onClick={() => setView({ kind: "tickets", mine: true })}>My chats</button>
          <button type="button" aria-current={current === "all" ? "page" : undefined} onClick={() => setView({ kind: "tickets", mine: false })}>All chats</button>
        </nav>
        <span class="spacer" />
        {connection !== "online" && <span class="pill warn" role="status">{connection === "connecting" ? "Connecting…" : "Reconnecting…"}</span>}
        <label class="availability">Availability
          <select value={availability} onChange={(e) => changeAvailability((e.target as HTMLSelectElement).value)} class={`av-${availability}`}>
            <option value="available">Available</option><option value="busy">Busy</option>
            <option value="away">Away</option><option value="offline">Offline</option>
          </select>
        </label>
        <span class="me" title={auth.user.email ?? ""}>{auth.user.name} <span class="muted">({auth.user.role})</span></span>
        <button type="button" class="ghost" onClick={signOut}>Sign out</button>
      </header>
      {availabilityError && <p class="error banner" role="alert">{availabilityError}</p>}
      <main class="content">
        {!socket ? <p class="muted">Connecting…</p>
          : view.kind === "queue" ? <QueueView socket={socket} onOpen={(id) => open(id, "queue")} />
          : view.kind === "tickets" ? <TicketsView key={String(view.mine)} socket={socket} mine={view.mine} onOpen={(id) => open(id, view.mine ? "mine" : "all")} />
          : <ConversationView key={view.conversationId} socket={socket} me={auth.user} conversationId={view.conversationId}
              onBack={() => setView(view.back === "queue" ? { kind: "queue" } : { kind: "tickets", mine: view.back === "mine" })} />}
      </main>
    </div>
  );
}

/** Views have addresses (#queue, #mine, #all, #chat/<id>) so reloads, links and Back work. */
function viewFromHash(): View {
  const h = location.hash.replace(/^#\/?/, "");
  if (h === "mine" || h === "all") return { kind: "tickets", mine: h === "mine" };
  const chat = /^chat\/([A-Za-z0-9_-]{1,64})$/.exec(h);
  if (chat) return { kind: "chat", conversationId: chat[1], back: "all" };
  return { kind: "queue" };
}
function hashOf(v: View): string {
  return v.kind === "queue" ? "#queue" : v.kind === "tickets" ? (v.mine ? "#mine" : "#all") : `#chat/${v.conversationId}`;
}

function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ loading: boolean; error: string | null; data: T | null }>({ loading: true, error: null, data: null });
  const reload = useCallback(() => {
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then((data) => setState({ loading: false, error: null, data }), (e) => setState({ loading: false, error: errorText(e), data: null }));
  }, deps);
  useEffect(reload, [reload]);
  return { ...state, reload, setData: (f: (d: T | null) => T) => setState((s) => ({ ...s, data: f(s.data) })) };
}

function QueueView({ socket, onOpen }: { socket: Socket; onOpen: (conversationId: string) => void }) {
  const queue = useLoad(async () => {
    const data = await call<any>(socket, "queue:get", {});
    return (data?.queue ?? data?.entries ?? []) as QueueEntry[];
  }, [socket]);
  const [offer, setOffer] = useState<{ entry: QueueEntry; deadline?: string } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  useEffect(() => {
    const updated = (u: { department?: string | null; queue: QueueEntry[] }) =>
      queue.setData((d) => [...(d ?? []).filter((e) => (e.department ?? null) !== (u.department ?? null)), ...u.queue]);
    const offered = (o: { entry: QueueEntry; deadline?: string }) => setOffer(o);
    const withdrawn = (w: { entryId: string }) => setOffer((o) => (o && o.entry.id === w.entryId ? null : o));
    const assigned = (a: { conversationId: string }) => { setOffer(null); onOpen(a.conversationId); };
    socket.on("queue:updated", updated); socket.on("queue:offer", offered);
    socket.on("queue:offer_withdrawn", withdrawn); socket.on("queue:assigned", assigned);
    socket.on("connect", queue.reload);
    return () => {
      socket.off("queue:updated", updated); socket.off("queue:offer", offered);
      socket.off("queue:offer_withdrawn", withdrawn); socket.off("queue:assigned", assigned); socket.off("connect", queue.reload);
    };
  }, [socket]);
  const act = async (event: string, entry: QueueEntry) => {
    setActionError(null);
    try {
      const data = await call<any>(socket, event, { entryId: entry.id });
      const conversationId = data?.chat?.conversationId ?? data?.conversationId ?? data?.entry?.conversationId ?? entry.conversationId;
      if (event !== "queue:reject" && conversationId) onOpen(conversationId);
      if (event === "queue:reject") setOffer(null);
    } catch (e) { setActionError(errorText(e)); }
  };
  const entries = queue.data ?? [];
  return (
    <section aria-labelledby="queue-title">
      <div class="section-head"><h2 id="queue-title">Waiting customers</h2>
        <button type="button" class="ghost" onClick={queue.reload}>Refresh</button></div>
      {offer && (
        <div class="offer" role="alert">
          <strong>New chat offered:</strong> <span>{offer.entry.customer?.name ?? "A customer"}</span>
          {offer.entry.subject && <span> — {offer.entry.subject}</span>}
          <button type="button" class="primary" onClick={() => act("queue:accept", offer.entry)}>Accept</button>
          <button type="button" class="ghost" onClick={() => act("queue:reject", offer.entry)}>Reject</button>
        </div>
      )}
      {actionError && <p class="error" role="alert">{actionError}</p>}
      {queue.loading && !queue.data ? <p class="muted" role="status">Loading the queue…</p>
        : queue.error ? <div class="error" role="alert">Could not load the queue: {queue.error} <button type="button" class="ghost" onClick={queue.reload}>Try again</button></div>
        : !entries.length ? <p class="empty">Nobody is waiting.</p>
        : (
          <table class="list">
            <thead><tr><th scope="col">#</th><th scope="col">Customer</th><th scope="col">Topic</th><th scope="col">Department</th><th scope="col">Waiting since</th><th scope="col"><span class="sr">Action</span></th></tr></thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={e.id}>
                  <td>{e.position ?? i + 1}</td>
                  <td>{e.customer?.name ?? "Visitor"}{e.customer?.email && <div class="muted small">{e.customer.email}</div>}</td>
                  <td>{e.subject ?? ""}</td><td>{e.department ?? "—"}</td>
                  <td>{timeOf(e.joinedAt ?? e.createdAt ?? "")}</td>
                  <td><button type="button" class="primary" onClick={() => act("queue:pick", e)} aria-label={`Pick ${e.customer?.name ?? "visitor"}`}>Pick</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
    </section>
  );
}

function TicketsView({ socket, mine, onOpen }: { socket: Socket; mine: boolean; onOpen: (conversationId: string) => void }) {
  const [filters, setFilters] = useState({ status: "", priority: "", assignee: mine ? "me" : "", q: "" });
  const [tickets, setTickets] = useState<Ticket[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<{ loading: boolean; error: string | null }>({ loading: true, error: null });
  const filtersRef = useRef(filters);
  filtersRef.current = filters;

  const load = async (append: boolean) => {
    const f = filtersRef.current;
    setState({ loading: true, error: null });
    try {
      const data = await call<{ tickets: Ticket[]; nextCursor: string | null }>(socket, "ticket:list", {
        ...(f.status && { status: f.status }), ...(f.priority && { priority: f.priority }),
        ...((mine ? "me" : f.assignee) && { assigneeId: mine ? "me" : f.assignee }), ...(f.q.trim() && { q: f.q.trim() }),
        ...(append && cursor && { cursor }), limit: 25 });
      setTickets((ts) => (append ? [...ts, ...data.tickets] : data.tickets));
      setCursor(data.nextCursor ?? null);
      setState({ loading: false, error: null });
    } catch (e) { setState({ loading: false, error: errorText(e) }); }
  };
  useEffect(() => { load(false); }, [filters.status, filters.priority, filters.assignee]);
  useEffect(() => {
    const updated = ({ ticket }: { ticket: Ticket }) => setTickets((ts) => ts.map((t) => (t.conversationId === ticket.conversationId ? { ...t, ...ticket } : t)));
    const created = ({ ticket }: { ticket: Ticket }) => { if (!mine) setTickets((ts) => (ts.some((t) => t.id === ticket.id) ? ts : [ticket, ...ts])); };
    const message = (m: Message) => setTickets((ts) => ts.map((t) => (t.conversationId === m.conversationId ? { ...t, lastMessage: m } : t)));
    socket.on("ticket:updated", updated); socket.on("ticket:created", created); socket.on("chat:new_message", message);
    return () => { socket.off("ticket:updated", updated); socket.off("ticket:created", created); socket.off("chat:new_message", message); };
  }, [socket, mine]);

  const title = mine ? "My chats" : "All chats";
  return (
    <section aria-labelledby="tickets-title">
      <div class="section-head"><h2 id="tickets-title">{title}</h2></div>
      <form class="filters" role="search" aria-label={`Filter ${title.toLowerCase()}`} onSubmit={(e) => { e.preventDefault(); load(false); }}>
        <label>Status<select value={filters.status} onChange={(e) => setFilters({ ...filters, status: (e.target as HTMLSelectElement).value })}>
          <option value="">Any</option>{STATUSES.map((s) => <option value={s}>{label(s)}</option>)}</select></label>
        <label>Priority<select value={filters.priority} onChange={(e) => setFilters({ ...filters, priority: (e.target as HTMLSelectElement).value })}>
          <option value="">Any</option>{PRIORITIES.map((p) => <option value={p}>{label(p)}</option>)}</select></label>
        {!mine && <label>Assignee<select value={filters.assignee} onChange={(e) => setFilters({ ...filters, assignee: (e.target as HTMLSelectElement).value })}>
          <option value="">Anyone</option><option value="me">Me</option><option value="none">Unassigned</option></select></label>}
        <label>Search<input type="search" value={filters.q} placeholder="Name, e-mail, subject…" onInput={(e) => setFilters({ ...filters, q: (e.target as HTMLInputElement).value })} /></label>
        <button type="submit" class="ghost">Search</button>
      </form>
      {state.error ? <div class="error" role="alert">Could not load the chats: {state.error} <button type="button" class="ghost" onClick={() => load(false)}>Try again</button></div>
        : state.loading && !tickets.length ? <p class="muted" role="status">Loading chats…</p>
        : !tickets.length ? <p class="empty">No chats match these filters.</p>
        : (
          <ul class="tickets">
            {tickets.map((t) => (
              <li key={t.id}>
                <button type="button" class="ticket" onClick={() => onOpen(t.conversationId)}>
                  <span class="who">{t.customer?.name ?? "Customer"}</span>
                  <span class="subject">{t.subject || "(no subject)"}</span>
                  <span class="last muted">{t.lastMessage?.text ?? ""}</span>
                  <span class={`pill status-${t.status}`}>{label(t.status)}</span>
                  <span class={`pill prio-${t.priority}`}>{label(t.priority)}</span>
                  <span class="assignee muted">{t.assignee ? t.assignee.name : "Unassigned"}</span>
                  {(t.unreadCount ?? 0) > 0 && <span class="badge" aria-label={`${t.unreadCount} unread`}>{t.unreadCount}</span>}
                </button>
              </li>
            ))}
          </ul>
        )}
      {cursor && !state.error && <button type="button" class="ghost more" disabled={state.loading} onClick={() => load(true)}>{state.loading ? "Loading…" : "Load more"}</button>}
    </section>
  );
}

function ConversationView({ socket, me, conversationId, onBack }: { socket: Socket; me: User; conversationId: string; onBack: () => void }) {
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
  const loadAgents = async () => {
    try { const d = await call<any>(socket, "agent:list", {}); setAgents((d?.agents ?? d ?? []).filter((a: Person) => a.id !== me.id)); }
    catch (e) { setActionError(`Agents unavailable: ${errorText(e)}`); }
  };

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
          : messages.map((m) => <MessageRow key={m.seq} m={m} me={me} ticket={ticket} customerReadSeq={customerReadSeq} />)}
      </div>
      {typing && <div class="typing" aria-live="polite">{typing} is typing…</div>}
      <Composer socket={socket} conversationId={conversationId} onSent={(m) => setMessages((ms) => mergeMessages(ms, [m]))} onError={setActionError} />
    </section>
  );
}

function MessageRow({ m, me, ticket, customerReadSeq }: { m: Message; me: User; ticket: Ticket | null; customerReadSeq: number }) {
  const internal = m.visibility === "staff";
  const mine = m.senderId === me.id;
  const fromCustomer = ticket ? m.senderId === ticket.customer.id : !mine;
  if (m.type === "system") return <div class="system">{m.text}</div>;
  const who = mine ? "You" : fromCustomer ? (ticket?.customer.name ?? "Customer") : (m.senderName ?? "Agent");
  return (
    <article class={`msg ${internal ? "internal" : fromCustomer ? "theirs" : "ours"}`} aria-label={internal ? "Internal note" : `Message from ${who}`}>
      {internal && <div class="note-label">Internal note · not visible to the customer</div>}
      <div class="text">{m.deletedAt ? <em>Message deleted</em> : m.text}</div>
      <div class="meta">{who} · {timeOf(m.createdAt)}{!fromCustomer && !internal && <span>{customerReadSeq >= m.seq ? " · Read" : " · Delivered"}</span>}</div>
    </article>
  );
}

function Composer({ socket, conversationId, onSent, onError }: { socket: Socket; conversationId: string; onSent: (m: Message) => void; onError: (e: string) => void }) {
  const [text, setText] = useState("");
  const [internal, setInternal] = useState(false);
  const [busy, setBusy] = useState(false);
  const lastTyping = useRef(0);
  const signal = (isTyping: boolean) => {
    if (internal) return;
    const now = Date.now();
    if (isTyping && now - lastTyping.current < 3000) return;
    if (!isTyping && !lastTyping.current) return;
    lastTyping.current = isTyping ? now : 0;
    socket.emit("chat:typing", { conversationId, isTyping }, () => undefined);
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
        <button type="submit" class={internal ? "note-button" : "primary"} disabled={busy}>{internal ? "Add note" : "Send"}</button>
      </div>
    </form>
  );
}

render(<App />, document.getElementById("app")!);
