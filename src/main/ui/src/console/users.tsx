// User management (admins): /api/admin/users — list with a role filter, 25 at a time; create an
// agent or admin with an initial password; deactivate and reactivate.
import { useEffect, useState } from "preact/hooks";
import { errorText, rest, timeOf } from "../shared/api";
import { label, type User } from "./common";

type AdminUser = { id: string; name: string; role: string; email: string | null; kind: string; status: string; createdAt: string; lastSeenAt: string | null };
const ROLES = ["agent", "admin", "customer", "seller", "manager"];

export function UsersView({ token, me }: { token: string; me: User }) {
  const [role, setRole] = useState("");
  const [users, setUsers] = useState<AdminUser[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<{ loading: boolean; error: string | null }>({ loading: true, error: null });
  const [actionError, setActionError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  const load = async (append: boolean) => {
    setState({ loading: true, error: null });
    const q = new URLSearchParams({ limit: "25", ...(role && { role }), ...(append && cursor ? { cursor } : {}) });
    try {
      const d = await rest<{ users: AdminUser[]; nextCursor: string | null }>("GET", `/api/admin/users?${q}`, token);
      setUsers((us) => (append ? [...us, ...d.users] : d.users));
      setCursor(d.nextCursor ?? null);
      setState({ loading: false, error: null });
    } catch (e) { setState({ loading: false, error: errorText(e) }); }
  };
  useEffect(() => { load(false); }, [role]);

  const setStatus = async (u: AdminUser, status: string) => {
    setActionError(null);
    try {
      const fresh = await rest<AdminUser>("PATCH", `/api/admin/users/${encodeURIComponent(u.id)}`, token, { status });
      setUsers((us) => us.map((x) => (x.id === u.id ? fresh : x)));
    } catch (e) { setActionError(`${u.name} not changed: ${errorText(e)}`); }
  };

  return (
    <section aria-labelledby="users-title">
      <div class="section-head"><h2 id="users-title">Users</h2></div>
      <details class="create">
        <summary>Create an agent or admin</summary>
        <form class="filters" aria-label="Create a user" onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget as HTMLFormElement, f = new FormData(form);
          setActionError(null); setCreated(null);
          try {
            const u = await rest<AdminUser>("POST", "/api/admin/users", token, { name: String(f.get("name")).trim(), email: String(f.get("email")).trim(),
              role: String(f.get("role")), password: String(f.get("password")) });
            setCreated(`${u.name} (${u.role}) can now sign in with the initial password; pass it on privately.`);
            form.reset();
            if (!role || role === u.role) setUsers((us) => [u, ...us]);
          } catch (err) { setActionError(`Not created: ${errorText(err)}`); }
        }}>
          <label>Name<input name="name" required maxLength={100} /></label>
          <label>E-mail<input name="email" type="email" required maxLength={200} autoComplete="off" /></label>
          <label>Role<select name="role"><option value="agent">Agent</option><option value="admin">Admin</option></select></label>
          <label>Initial password<input name="password" type="password" required minLength={8} maxLength={200} autoComplete="new-password" /></label>
          <button type="submit" class="primary">Create user</button>
        </form>
      </details>
      {created && <p class="saved" role="status">{created}</p>}
      {actionError && <p class="error" role="alert">{actionError}</p>}
      <div class="filters">
        <label>Role<select value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value)}>
          <option value="">Any</option>{ROLES.map((r) => <option value={r}>{label(r)}</option>)}</select></label>
      </div>
      {state.error ? <div class="error" role="alert">Could not load the users: {state.error} <button type="button" class="ghost" onClick={() => load(false)}>Try again</button></div>
        : state.loading && !users.length ? <p class="muted" role="status">Loading users…</p>
        : !users.length ? <p class="empty">No users with this role.</p>
        : (
          <table class="list users">
            <thead><tr><th scope="col">Name</th><th scope="col">E-mail</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Created</th><th scope="col"><span class="sr">Action</span></th></tr></thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>{u.name}{u.kind === "external" && <div class="muted small">from the host application</div>}</td>
                  <td>{u.email ?? "—"}</td>
                  <td>{label(u.role)}</td>
                  <td><span class={`pill user-${u.status}`}>{label(u.status)}</span></td>
                  <td>{new Date(u.createdAt).toLocaleDateString()} {timeOf(u.createdAt)}</td>
                  <td>{u.id === me.id ? <span class="muted small">you</span>
                    : u.status === "active"
                      ? <button type="button" class="ghost" onClick={() => setStatus(u, "inactive")} aria-label={`Deactivate ${u.name}`}>Deactivate</button>
                      : <button type="button" class="ghost" onClick={() => setStatus(u, "active")} aria-label={`Reactivate ${u.name}`}>Reactivate</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      {cursor && !state.error && <button type="button" class="ghost more" disabled={state.loading} onClick={() => load(true)}>{state.loading ? "Loading…" : "Load more"}</button>}
    </section>
  );
}
