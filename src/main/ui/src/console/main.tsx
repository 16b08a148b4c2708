// The agent and admin console at /console: sign-in, availability, the live queue, ticket lists with
// filters and unread badges (paginated), and the conversation view. Everything users type is
// rendered as text (Preact text nodes), never as HTML.
import { render } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { io, type Socket } from "socket.io-client";
import { call, CONNECTION, errorText, postJson, type Message } from "../shared/api";
import "./console.css";
import type { Auth, View } from "./common";
import { QueueView } from "./queue";
import { TicketsView } from "./tickets";
import { ConversationView } from "./conversation";
import { StatsView } from "./stats";
import { ScheduleView } from "./schedule";
import { UsersView } from "./users";

const STORE_KEY = "switchboard.console";
const STAFF = new Set(["agent", "admin", "manager"]);
const SOUND_KEY = "switchboard.console.sound";

/** A short two-tone chime for a new message (Web Audio; nothing to download). */
function beep() {
  try {
    const ctx = new AudioContext();
    const gain = ctx.createGain();
    gain.gain.setValueAtTime(0.08, ctx.currentTime);
    gain.connect(ctx.destination);
    [880, 1320].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      osc.frequency.value = freq;
      osc.connect(gain);
      osc.start(ctx.currentTime + i * 0.12);
      osc.stop(ctx.currentTime + i * 0.12 + 0.1);
    });
    setTimeout(() => ctx.close(), 500);
  } catch { /* no audio: the title badge still counts */ }
}

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
  const [availability, setAvailability] = useState(""); // "" until the server has told us
  const [sound, setSound] = useState(() => localStorage.getItem(SOUND_KEY) === "on");
  const soundRef = useRef(sound);
  soundRef.current = sound;
  const [availabilityError, setAvailabilityError] = useState<string | null>(null);
  const [unseen, setUnseen] = useState(0);
  const authRef = useRef(auth);
  authRef.current = auth;
  const viewRef = useRef(view);
  viewRef.current = view;

  useEffect(() => {
    const s = io(location.origin, { ...CONNECTION, auth: (cb) => cb({ token: authRef.current.accessToken }) });
    s.on("connect", () => setConnection("online"));
    s.on("connect", () => {
      call<any>(s, "agent:list", {}).then((d) => {
        const me = (d?.agents ?? d ?? []).find((a: { id: string }) => a.id === authRef.current.user.id);
        if (me?.availability) setAvailability(me.availability);
      }).catch(() => undefined); // older servers: stays "unknown" until the agent sets it
    });
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
      if (m.senderId !== authRef.current.user.id && (document.hidden || v.kind !== "chat" || v.conversationId !== m.conversationId)) {
        setUnseen((n) => n + 1);
        if (soundRef.current) beep();
      }
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

  useEffect(() => { if (view.kind === "chat") setUnseen(0); }, [view]); // opening a conversation (also by Back/Forward) counts as seen
  const open = (conversationId: string, back: "queue" | "mine" | "all") => setView({ kind: "chat", conversationId, back });
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
  const current = view.kind === "chat" ? view.back : view.kind === "tickets" ? (view.mine ? "mine" : "all") : view.kind;
  const admin = auth.user.role === "admin";

  return (
    <div class="shell">
      <header class="topbar">
        <span class="brand">Switchboard</span>
        <nav aria-label="Sections">
          <button type="button" aria-current={current === "queue" ? "page" : undefined} onClick={() => setView({ kind: "queue" })}>Queue</button>
          <button type="button" aria-current={current === "mine" ? "page" : undefined} onClick={() => setView({ kind: "tickets", mine: true })}>My chats</button>
          <button type="button" aria-current={current === "all" ? "page" : undefined} onClick={() => setView({ kind: "tickets", mine: false })}>All chats</button>
          <button type="button" aria-current={current === "schedule" ? "page" : undefined} onClick={() => setView({ kind: "schedule" })}>Schedule</button>
          {admin && <button type="button" aria-current={current === "stats" ? "page" : undefined} onClick={() => setView({ kind: "stats" })}>Statistics</button>}
          {admin && <button type="button" aria-current={current === "users" ? "page" : undefined} onClick={() => setView({ kind: "users" })}>Users</button>}
        </nav>
        <span class="spacer" />
        {connection !== "online" && <span class="pill warn" role="status">{connection === "connecting" ? "Connecting…" : "Reconnecting…"}</span>}
        <label class="availability">Availability
          <select value={availability} onChange={(e) => changeAvailability((e.target as HTMLSelectElement).value)} class={`av-${availability}`}>
            {!availability && <option value="" disabled>Unknown</option>}
            <option value="available">Available</option><option value="busy">Busy</option>
            <option value="away">Away</option><option value="offline">Offline</option>
          </select>
        </label>
        <label class="sound"><input type="checkbox" checked={sound}
          onChange={(e) => { const on = (e.target as HTMLInputElement).checked; setSound(on); localStorage.setItem(SOUND_KEY, on ? "on" : "off"); }} />
          Sound</label>
        <span class="me" title={auth.user.email ?? ""}>{auth.user.name} <span class="muted">({auth.user.role})</span></span>
        <button type="button" class="ghost" onClick={signOut}>Sign out</button>
      </header>
      {availabilityError && <p class="error banner" role="alert">{availabilityError}</p>}
      <main class="content">
        {!socket ? <p class="muted">Connecting…</p>
          : view.kind === "queue" ? <QueueView socket={socket} onOpen={(id) => open(id, "queue")} />
          : view.kind === "schedule" ? <ScheduleView socket={socket} me={auth.user} token={auth.accessToken} />
          : view.kind === "stats" ? (admin ? <StatsView socket={socket} /> : <p class="error" role="alert">Statistics are for administrators.</p>)
          : view.kind === "users" ? (admin ? <UsersView token={auth.accessToken} me={auth.user} /> : <p class="error" role="alert">User management is for administrators.</p>)
          : view.kind === "tickets" ? <TicketsView key={String(view.mine)} socket={socket} mine={view.mine} onOpen={(id) => open(id, view.mine ? "mine" : "all")} />
          : <ConversationView key={view.conversationId} socket={socket} me={auth.user} token={auth.accessToken} conversationId={view.conversationId}
              onBack={() => setView(view.back === "queue" ? { kind: "queue" } : { kind: "tickets", mine: view.back === "mine" })} />}
      </main>
    </div>
  );
}

/** Views have addresses (#queue, #mine, #all, #chat/<id>) so reloads, links and Back work. */
function viewFromHash(): View {
  const h = location.hash.replace(/^#\/?/, "");
  if (h === "mine" || h === "all") return { kind: "tickets", mine: h === "mine" };
  if (h === "stats" || h === "schedule" || h === "users") return { kind: h };
  const chat = /^chat\/([A-Za-z0-9_-]{1,64})$/.exec(h);
  if (chat) return { kind: "chat", conversationId: chat[1], back: "all" };
  return { kind: "queue" };
}
function hashOf(v: View): string {
  return v.kind === "tickets" ? (v.mine ? "#mine" : "#all") : v.kind === "chat" ? `#chat/${v.conversationId}` : `#${v.kind}`;
}

render(<App />, document.getElementById("app")!);
