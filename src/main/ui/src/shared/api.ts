// Calls of the native API over Socket.IO: every event answers {ok, data} or {ok:false, error}.
import type { Socket } from "socket.io-client";

/**
 * Connection options both apps use: WebSocket first (polling only when it fails), and a connection
 * attempt given up after 8 s rather than the client's default 20 s, so an attempt that hit a server
 * going down is retried soon (the client then backs off up to 5 s between attempts).
 */
export const CONNECTION = { transports: ["websocket", "polling"], timeout: 8_000, reconnectionDelayMax: 5_000 };

export type ApiError = { code: string; message: string; event?: string };
export const ACK_TIMEOUT_MS = 10_000;

/** Emits an event and resolves with the ack's data; rejects with an ApiError (TIMEOUT when no ack came). */
export function call<T = any>(socket: Socket, event: string, payload: unknown = {}, timeoutMs = ACK_TIMEOUT_MS): Promise<T> {
  return new Promise((resolve, reject) => {
    socket.timeout(timeoutMs).emit(event, payload, (err: Error | null, reply: any) => {
      if (err) reject({ code: "TIMEOUT", message: `No answer to ${event}`, event } satisfies ApiError);
      else if (reply && reply.ok) resolve(reply.data as T);
      else reject((reply && reply.error) || { code: "INTERNAL", message: "Malformed answer", event });
    });
  });
}

/** POSTs JSON; resolves with the parsed body or rejects with {code, message} from problem+json. */
export async function postJson<T = any>(url: string, body: unknown, token?: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST", body: JSON.stringify(body),
      headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    });
  } catch {
    throw { code: "NETWORK", message: "The server cannot be reached" } satisfies ApiError;
  }
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) throw { code: json?.code ?? `HTTP_${res.status}`, message: json?.detail ?? json?.title ?? res.statusText } satisfies ApiError;
  return json as T;
}

/** A JSON request to the REST API (GET, PATCH, …) with the bearer token; rejects like postJson. */
export async function rest<T = any>(method: string, url: string, token: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method, body: body === undefined ? undefined : JSON.stringify(body),
      headers: { ...(body === undefined ? {} : { "Content-Type": "application/json" }), Authorization: `Bearer ${token}` },
    });
  } catch {
    throw { code: "NETWORK", message: "The server cannot be reached" } satisfies ApiError;
  }
  const text = await res.text();
  let json: any = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (!res.ok) throw { code: json?.code ?? `HTTP_${res.status}`, message: json?.detail ?? json?.title ?? res.statusText } satisfies ApiError;
  return json as T;
}

export function errorText(e: unknown): string {
  const err = e as Partial<ApiError>;
  return err && err.message ? err.message : String(e);
}

export function uuid(): string {
  if (typeof crypto !== "undefined" && "randomUUID" in crypto) return crypto.randomUUID();
  return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, (c) => {
    const r = (Math.random() * 16) | 0;
    return (c === "x" ? r : (r & 0x3) | 0x8).toString(16);
  });
}

export type Message = {
  id: string; conversationId: string; seq: number; senderId: string; text: string; type?: string;
  clientMessageId?: string; createdAt: string; visibility?: "all" | "staff"; deletedAt?: string | null;
  senderName?: string; attachments?: { id: string; fileName: string; contentType: string; size: number; url: string }[];
};

/** Messages of one conversation, ordered by seq, each once (live events and catch-up may overlap). */
export function mergeMessages(current: Message[], incoming: Message[]): Message[] {
  if (!incoming.length) return current;
  const bySeq = new Map<number, Message>();
  for (const m of current) bySeq.set(m.seq, m);
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Every message after afterSeq, page by page (chat:get_messages with afterSeq, while hasMore). */
export async function messagesAfter(socket: Socket, conversationId: string, afterSeq: number): Promise<Message[]> {
  const all: Message[] = [];
  for (let page = 0; page < 40; page++) {
    const data = await call<{ messages: Message[]; hasMore: boolean }>(socket, "chat:get_messages",
      { conversationId, afterSeq, limit: 100 });
    all.push(...data.messages);
    if (!data.hasMore || !data.messages.length) break;
    afterSeq = data.messages[data.messages.length - 1].seq;
  }
  return all;
}

export function timeOf(iso: string): string {
  const d = new Date(iso);
  return isNaN(d.getTime()) ? "" : d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}
