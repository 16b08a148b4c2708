// Statistics (admins): ticket:stats for a date range, drawn as small hand-made SVG charts (no chart
// library: four simple bar charts do not justify one). Every chart has a text alternative.
import { useState } from "preact/hooks";
import type { Socket } from "socket.io-client";
import { call } from "../shared/api";
import { label, STATUSES, useLoad, type Person } from "./common";

type Durations = { count: number; median?: number; p90?: number };
export type Stats = {
  from: string; to: string; totals: { chats: number; messages: number; notes: number };
  chatsPerDay: { date: string; count: number }[]; firstResponseSeconds: Durations; resolutionSeconds: Durations;
  statusDistribution: Record<string, number>; workload: { assignee: Person; open: number; inProgress: number }[];
};

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function StatsView({ socket }: { socket: Socket }) {
  const [range, setRange] = useState(() => ({ from: isoDay(new Date(Date.now() - 29 * DAY)), to: isoDay(new Date()) }));
  const [draft, setDraft] = useState(range);
  // `to` is inclusive on the page and exclusive on the wire: the day after
  const stats = useLoad(() => call<Stats>(socket, "ticket:stats", { from: range.from, to: isoDay(new Date(Date.parse(range.to) + DAY)) }),
    [socket, range.from, range.to]);
  const s = stats.data;
  return (
    <section aria-labelledby="stats-title">
      <div class="section-head"><h2 id="stats-title">Statistics</h2></div>
      <form class="filters" aria-label="Date range" onSubmit={(e) => { e.preventDefault(); if (draft.from <= draft.to) setRange(draft); }}>
        <label>From<input type="date" value={draft.from} required onInput={(e) => setDraft({ ...draft, from: (e.target as HTMLInputElement).value })} /></label>
        <label>To<input type="date" value={draft.to} required onInput={(e) => setDraft({ ...draft, to: (e.target as HTMLInputElement).value })} /></label>
        <button type="submit" class="ghost" disabled={draft.from > draft.to}>Show</button>
        {draft.from > draft.to && <span class="error small" role="alert">"From" must not be after "To".</span>}
      </form>
      {stats.error ? <div class="error" role="alert">Could not load the statistics: {stats.error} <button type="button" class="ghost" onClick={stats.reload}>Try again</button></div>
        : !s ? <p class="muted" role="status">Loading statistics…</p>
        : (
          <div class="stats">
            <div class="totals">
              <div class="total"><span class="num">{s.totals.chats}</span> chats</div>
              <div class="total"><span class="num">{s.totals.messages}</span> messages</div>
              <div class="total"><span class="num">{s.totals.notes}</span> internal notes</div>
            </div>
            <figure class="chart"><figcaption>Chats per day</figcaption><PerDay days={s.chatsPerDay} from={range.from} to={range.to} /></figure>
            <figure class="chart"><figcaption>Response times</figcaption><Times first={s.firstResponseSeconds} resolution={s.resolutionSeconds} /></figure>
            <figure class="chart"><figcaption>Status of these chats now</figcaption>
              <Bars rows={STATUSES.map((st) => ({ label: label(st), value: s.statusDistribution[st] ?? 0, cls: `bar-${st}` }))} unit="chats" /></figure>
            <figure class="chart"><figcaption>Agent workload now</figcaption>
              {s.workload.length ? <Workload rows={s.workload} /> : <p class="empty">Nobody has open chats.</p>}</figure>
          </div>
        )}
    </section>
  );
}

/** One bar per day of the range (days without chats are 0), with the largest value as the scale. */
function PerDay({ days, from, to }: { days: { date: string; count: number }[]; from: string; to: string }) {
  const counts = new Map(days.map((d) => [d.date, d.count]));
  const all: { date: string; count: number }[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to) && all.length < 400; t += DAY) {
    const date = isoDay(new Date(t));
    all.push({ date, count: counts.get(date) ?? 0 });
  }
  const max = Math.max(1, ...all.map((d) => d.count));
  const W = 640, H = 160, pad = 24, right = 20, bw = (W - pad - right) / Math.max(1, all.length);
  const total = all.reduce((n, d) => n + d.count, 0);
  return (
    <svg class="svg-chart" viewBox={`0 0 ${W} ${H + 20}`} role="img" aria-label={`Chats per day: ${total} in ${all.length} days, at most ${max} a day`}>
      <line x1={pad} y1={H} x2={W - right} y2={H} class="axis" />
      <text x={pad - 4} y={12} class="tick" text-anchor="end">{max}</text>
      <text x={pad - 4} y={H} class="tick" text-anchor="end">0</text>
      {all.map((d, i) => {
        const h = (d.count / max) * (H - 10);
        return (
          <g key={d.date}>
            <rect x={pad + i * bw + 1} y={H - h} width={Math.max(1, bw - 2)} height={h} class="bar"><title>{`${d.date}: ${d.count}`}</title></rect>
            {(i === 0 || i === all.length - 1 || (all.length <= 14)) && <text x={pad + i * bw + bw / 2} y={H + 14} class="tick" text-anchor="middle">{d.date.slice(5)}</text>}
          </g>
        );
      })}
    </svg>
  );
}

export function duration(seconds?: number): string {
  if (seconds === undefined || seconds === null) return "—";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.round(seconds / 360) / 10} h`;
  return `${Math.round(seconds / 8640) / 10} d`;
}

/** Median and p90 of the first response and of the resolution, as paired horizontal bars. */
function Times({ first, resolution }: { first: Durations; resolution: Durations }) {
  const rows = [
    { label: `First response, median (${first.count})`, value: first.median, cls: "bar-median" },
    { label: "First response, p90", value: first.p90, cls: "bar-p90" },
    { label: `Resolution, median (${resolution.count})`, value: resolution.median, cls: "bar-median" },
    { label: "Resolution, p90", value: resolution.p90, cls: "bar-p90" },
  ];
  return <Bars rows={rows.map((r) => ({ ...r, value: r.value ?? 0, text: duration(r.value) }))} unit="" />;
}

function Bars({ rows, unit }: { rows: { label: string; value: number; cls: string; text?: string }[]; unit: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const W = 640, row = 26, lw = 210;
  const described = rows.map((r) => `${r.label}: ${r.text ?? `${r.value} ${unit}`}`).join("; ");
  return (
    <svg class="svg-chart" viewBox={`0 0 ${W} ${rows.length * row + 4}`} role="img" aria-label={described}>
      {rows.map((r, i) => {
        const w = (r.value / max) * (W - lw - 90);
        return (
          <g key={r.label}>
            <text x={lw - 8} y={i * row + 17} class="label" text-anchor="end">{r.label}</text>
            <rect x={lw} y={i * row + 4} width={Math.max(r.value ? 2 : 0, w)} height={row - 8} class={`bar ${r.cls}`} />
            <text x={lw + w + 6} y={i * row + 17} class="value">{r.text ?? r.value}</text>
          </g>
        );
      })}
    </svg>
  );
}

/** Open and in-progress chats per assignee, stacked. */
function Workload({ rows }: { rows: { assignee: Person; open: number; inProgress: number }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.open + r.inProgress));
  const W = 640, row = 26, lw = 210;
  const described = rows.map((r) => `${r.assignee.name}: ${r.inProgress} in progress, ${r.open} open`).join("; ");
  return (
    <>
      <svg class="svg-chart" viewBox={`0 0 ${W} ${rows.length * row + 4}`} role="img" aria-label={`Workload: ${described}`}>
        {rows.map((r, i) => {
          const scale = (W - lw - 90) / max, a = r.inProgress * scale, b = r.open * scale;
          return (
            <g key={r.assignee.id}>
              <text x={lw - 8} y={i * row + 17} class="label" text-anchor="end">{r.assignee.name}</text>
              <rect x={lw} y={i * row + 4} width={a} height={row - 8} class="bar bar-in_progress" />
              <rect x={lw + a} y={i * row + 4} width={b} height={row - 8} class="bar bar-open" />
              <text x={lw + a + b + 6} y={i * row + 17} class="value">{`${r.inProgress} + ${r.open}`}</text>
            </g>
          );
        })}
      </svg>
      <p class="legend small"><span class="swatch bar-in_progress" /> in progress <span class="swatch bar-open" /> open</p>
    </>
  );
}
