// Types and helpers shared by the console's views.
import { useCallback, useEffect, useState } from "preact/hooks";
import { errorText, type Message } from "../shared/api";

export type User = { id: string; name: string; role: string; email?: string };
export type Auth = { user: User; accessToken: string; accessTokenExpiresAt: string; refreshToken?: string };
export type Person = { id: string; name: string; email?: string | null };
export type Ticket = {
  id: string; conversationId: string; customer: Person; assignee: Person | null; department?: string | null; subject?: string | null;
  priority: string; status: string; unreadCount?: number; lastMessage?: Message | null; createdAt: string; updatedAt: string;
  unreadByStaff?: number; unreadByCustomer?: number;
};
/** A queue entry as staff see it (docs/protocol.md, Entry). */
export type QueueEntry = { id: string; conversationId?: string | null; customer?: Person; department?: string | null; topic?: string | null;
  state?: string; agentId?: string | null; enqueuedAt?: string; waitingSince?: string; offerDeadline?: string | null };
export type View = { kind: "queue" } | { kind: "tickets"; mine: boolean } | { kind: "chat"; conversationId: string; back: "queue" | "mine" | "all" }
  | { kind: "stats" } | { kind: "schedule" } | { kind: "users" };
export const STATUSES = ["open", "in_progress", "resolved", "closed"];
export const PRIORITIES = ["low", "medium", "high", "urgent"];
export const label = (s: string) => s.replace("_", " ").replace(/^./, (c) => c.toUpperCase());

export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ loading: boolean; error: string | null; data: T | null }>({ loading: true, error: null, data: null });
  const reload = useCallback(() => {
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then((data) => setState({ loading: false, error: null, data }), (e) => setState({ loading: false, error: errorText(e), data: null }));
  }, deps);
  useEffect(reload, [reload]);
  return { ...state, reload, setData: (f: (d: T | null) => T) => setState((s) => ({ ...s, data: f(s.data) })) };
}
