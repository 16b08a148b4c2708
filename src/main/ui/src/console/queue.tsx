// The live queue: waiting customers, offers to accept or reject, pick.
import { useEffect, useState } from "preact/hooks";
import type { Socket } from "socket.io-client";
import { call, errorText, timeOf } from "../shared/api";
import { useLoad, type QueueEntry } from "./common";

export function QueueView({ socket, onOpen }: { socket: Socket; onOpen: (conversationId: string) => void }) {
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
  // waiting and offered customers; an entry assigned meanwhile leaves the list with the next update
  const entries = (queue.data ?? []).filter((e) => !e.state || e.state === "waiting" || e.state === "offered");
  return (
    <section aria-labelledby="queue-title">
      <div class="section-head"><h2 id="queue-title">Waiting customers</h2>
        <button type="button" class="ghost" onClick={queue.reload}>Refresh</button></div>
      {offer && (
        <div class="offer" role="alert">
          <strong>New chat offered:</strong> <span>{offer.entry.customer?.name ?? "A customer"}</span>
          {offer.entry.topic && <span> — {offer.entry.topic}</span>}
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
                  <td>{i + 1}</td>
                  <td>{e.customer?.name ?? "Visitor"}{e.customer?.email && <div class="muted small">{e.customer.email}</div>}</td>
                  <td>{e.topic ?? ""}</td><td>{e.department || "General"}</td>
                  <td>{timeOf(e.waitingSince ?? e.enqueuedAt ?? "")}</td>
                  <td><button type="button" class="primary" onClick={() => act("queue:pick", e)} aria-label={`Pick ${e.customer?.name ?? "visitor"}`}>Pick</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
    </section>
  );
}
