// Technician schedule editor: schedule:get / schedule:set. Agents edit their own shifts; admins pick
// any agent. Times are entered in the browser's time zone and stored as UTC instants.
import { useEffect, useState } from "preact/hooks";
import type { Socket } from "socket.io-client";
import { call, errorText, rest, uuid } from "../shared/api";
import type { Person, User } from "./common";

type Shift = { id?: string; startsAt: string; endsAt: string; note?: string };
type Row = { key: string; start: string; end: string; note: string };

/** ISO instant → the value of an <input type="datetime-local"> in local time. */
function localInput(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
const toRows = (shifts: Shift[]): Row[] => shifts.map((s) => ({ key: s.id ?? uuid(), start: localInput(s.startsAt), end: localInput(s.endsAt), note: s.note ?? "" }));

export function ScheduleView({ socket, me, token }: { socket: Socket; me: User; token: string }) {
  const admin = me.role === "admin";
  const [agentId, setAgentId] = useState(me.id);
  const [agents, setAgents] = useState<Person[]>([]);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [dirty, setDirty] = useState(false);
  const [state, setState] = useState<{ error: string | null; saved: boolean; busy: boolean }>({ error: null, saved: false, busy: false });

  useEffect(() => { // every agent and admin account (agent:list knows only those connected since the start)
    if (!admin) return;
    Promise.all(["agent", "admin"].map((role) => rest<{ users: Person[] }>("GET", `/api/admin/users?role=${role}&limit=200`, token)))
      .then((pages) => setAgents(pages.flatMap((p) => p.users)))
      .catch((e) => setState((s) => ({ ...s, error: `Could not load the agents: ${errorText(e)}` })));
  }, [token]);
  const load = () => {
    setRows(null); setDirty(false); setState({ error: null, saved: false, busy: false });
    call<{ shifts: Shift[] }>(socket, "schedule:get", { agentId })
      .then((d) => setRows(toRows(d.shifts ?? [])), (e) => setState({ error: `Could not load the schedule: ${errorText(e)}`, saved: false, busy: false }));
  };
  useEffect(load, [agentId]);
  useEffect(() => { // someone else (an admin, another tab) changed it: show theirs unless we are editing
    const updated = (u: { agentId: string; shifts: Shift[] }) => { if (u.agentId === agentId && !dirty) setRows(toRows(u.shifts)); };
    socket.on("schedule:updated", updated);
    return () => { socket.off("schedule:updated", updated); };
  }, [agentId, dirty]);

  const edit = (key: string, patch: Partial<Row>) => { setRows((rs) => rs!.map((r) => (r.key === key ? { ...r, ...patch } : r))); setDirty(true); setState((s) => ({ ...s, saved: false })); };
  const add = () => {
    const start = new Date(); start.setDate(start.getDate() + 1); start.setHours(9, 0, 0, 0);
    const end = new Date(start); end.setHours(17);
    setRows((rs) => [...(rs ?? []), { key: uuid(), start: localInput(start.toISOString()), end: localInput(end.toISOString()), note: "" }]);
    setDirty(true);
  };
  const save = async (e: Event) => {
    e.preventDefault();
    const shifts = rows!.map((r) => ({ startsAt: new Date(r.start).toISOString(), endsAt: new Date(r.end).toISOString(), ...(r.note.trim() && { note: r.note.trim() }) }));
    setState({ error: null, saved: false, busy: true });
    try {
      const d = await call<{ shifts: Shift[] }>(socket, "schedule:set", { agentId, shifts });
      setRows(toRows(d.shifts)); setDirty(false); setState({ error: null, saved: true, busy: false });
    } catch (err) { setState({ error: `Not saved: ${errorText(err)}`, saved: false, busy: false }); }
  };
  const who = agentId === me.id ? "My schedule" : `Schedule of ${agents.find((a) => a.id === agentId)?.name ?? "agent"}`;

  return (
    <section aria-labelledby="schedule-title">
      <div class="section-head"><h2 id="schedule-title">{who}</h2></div>
      {admin && (
        <div class="filters">
          <label>Agent<select value={agentId} onChange={(e) => setAgentId((e.target as HTMLSelectElement).value)}>
            <option value={me.id}>Me ({me.name})</option>
            {agents.filter((a) => a.id !== me.id).map((a) => <option value={a.id}>{a.name}</option>)}
          </select></label>
        </div>
      )}
      <p class="muted small">Shifts in your time zone ({Intl.DateTimeFormat().resolvedOptions().timeZone}); each at most 24 hours, none overlapping. Customers outside every shift are offered the offline form when nobody is online.</p>
      {state.error && <p class="error" role="alert">{state.error}</p>}
      {state.saved && <p class="saved" role="status">Schedule saved.</p>}
      {rows === null ? (!state.error && <p class="muted" role="status">Loading the schedule…</p>) : (
        <form onSubmit={save}>
          {!rows.length ? <p class="empty">No shifts planned.</p> : (
            <table class="list shifts">
              <thead><tr><th scope="col">Starts</th><th scope="col">Ends</th><th scope="col">Note</th><th scope="col"><span class="sr">Remove</span></th></tr></thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={r.key}>
                    <td><input type="datetime-local" required aria-label={`Shift ${i + 1} starts`} value={r.start} onInput={(e) => edit(r.key, { start: (e.target as HTMLInputElement).value })} /></td>
                    <td><input type="datetime-local" required aria-label={`Shift ${i + 1} ends`} value={r.end} onInput={(e) => edit(r.key, { end: (e.target as HTMLInputElement).value })} /></td>
                    <td><input type="text" maxLength={200} aria-label={`Shift ${i + 1} note`} value={r.note} onInput={(e) => edit(r.key, { note: (e.target as HTMLInputElement).value })} /></td>
                    <td><button type="button" class="ghost" aria-label={`Remove shift ${i + 1}`} onClick={() => { setRows(rows.filter((x) => x.key !== r.key)); setDirty(true); }}>Remove</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div class="actions">
            <button type="button" class="ghost" onClick={add}>Add shift</button>
            <button type="submit" class="primary" disabled={!dirty || state.busy}>{state.busy ? "Saving…" : "Save schedule"}</button>
            {dirty && <button type="button" class="ghost" onClick={load}>Discard changes</button>}
          </div>
        </form>
      )}
    </section>
  );
}
