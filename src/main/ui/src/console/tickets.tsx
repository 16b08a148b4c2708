// My chats / all chats: ticket:list with filters, 25 at a time, live updates and unread badges.
import { useEffect, useRef, useState } from "preact/hooks";
import type { Socket } from "socket.io-client";
import { call, errorText, type Message } from "../shared/api";
import { label, PRIORITIES, STATUSES, type Ticket } from "./common";

export function TicketsView({ socket, mine, onOpen }: { socket: Socket; mine: boolean; onOpen: (conversationId: string) => void }) {
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
