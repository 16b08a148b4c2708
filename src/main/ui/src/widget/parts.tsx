// The widget's presentational pieces: the pre-chat and offline forms, the message list, the composer.
import { useEffect, useRef, useState } from "preact/hooks";
import { timeOf, type Message } from "../shared/api";
import { AttachmentView } from "../shared/attachments";

export type Details = { name: string; email: string; topic: string };
export type Pending = { clientMessageId: string; text: string; failed: boolean };

export function PreChatForm({ onSubmit, initial }: { onSubmit: (d: Details) => Promise<void>; initial?: Details }) {
  const [busy, setBusy] = useState(false);
  return (
    <form class="sbw-form" onSubmit={async (e) => {
      e.preventDefault();
      const f = new FormData(e.currentTarget as HTMLFormElement);
      setBusy(true);
      await onSubmit({ name: String(f.get("name")).trim(), email: String(f.get("email")).trim(), topic: String(f.get("topic")).trim() });
      setBusy(false);
    }}>
      <p class="sbw-intro">Hi! Tell us who you are and what it is about, and an agent will be with you shortly.</p>
      <label>Name<input name="name" required maxLength={100} autoComplete="name" defaultValue={initial?.name} /></label>
      <label>E-mail<input name="email" type="email" maxLength={200} autoComplete="email" defaultValue={initial?.email} /></label>
      <label>Topic<input name="topic" required maxLength={200} defaultValue={initial?.topic} /></label>
      <button type="submit" class="sbw-primary" disabled={busy}>{busy ? "Starting…" : "Start chat"}</button>
    </form>
  );
}
export function OfflineForm({ onSubmit, initial }: { onSubmit: (f: { name: string; email: string; subject: string; message: string }) => Promise<void>; initial?: Details }) {
  const [busy, setBusy] = useState(false);
  return (
    <form class="sbw-form" onSubmit={async (e) => {
      e.preventDefault();
      const f = new FormData(e.currentTarget as HTMLFormElement);
      setBusy(true);
      await onSubmit({ name: String(f.get("name")).trim(), email: String(f.get("email")).trim(),
        subject: String(f.get("subject")).trim(), message: String(f.get("message")).trim() });
      setBusy(false);
    }}>
      <p class="sbw-intro">We are offline right now. Leave a message and we will answer by e-mail.</p>
      <label>Name<input name="name" required maxLength={100} defaultValue={initial?.name} /></label>
      <label>E-mail<input name="email" type="email" required maxLength={200} defaultValue={initial?.email} /></label>
      <label>Subject<input name="subject" required maxLength={200} defaultValue={initial?.topic} /></label>
      <label>Message<textarea name="message" required rows={4} maxLength={10000} /></label>
      <button type="submit" class="sbw-primary" disabled={busy}>{busy ? "Sending…" : "Send message"}</button>
    </form>
  );
}
export function MessageList({ me, messages, pending, agentReadSeq, onRetry, empty, base, token }: {
  me: string; messages: Message[]; pending: Pending[]; agentReadSeq: number; onRetry: (p: Pending) => void; empty: string;
  base: string; token: string;
}) {
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => { end.current?.scrollIntoView({ block: "end" }); }, [messages.length, pending.length]);
  const visible = messages.filter((m) => m.visibility !== "staff" && !m.deletedAt);
  return (
    <div class="sbw-messages" role="log" aria-label="Messages" aria-live="polite" tabIndex={0}>
      {!visible.length && !pending.length && <p class="sbw-empty">{empty}</p>}
      {visible.map((m) => m.type === "system"
        ? <div key={m.seq} class="sbw-system">{m.text}</div>
        : (
          <div key={m.seq} class={`sbw-msg ${m.senderId === me ? "sbw-mine" : "sbw-theirs"}`} data-seq={m.seq}>
            {(!m.attachments?.length || m.type === "text") && <div class="sbw-text">{m.text}</div>}
            {m.attachments?.map((a) => <AttachmentView key={a.id} base={base} token={token} a={a} cls="sbw-" />)}
            <div class="sbw-meta">{timeOf(m.createdAt)}{m.senderId === me && <span class="sbw-state">{agentReadSeq >= m.seq ? " · Read" : " · Delivered"}</span>}</div>
          </div>
        ))}
      {pending.map((p) => (
        <div key={p.clientMessageId} class="sbw-msg sbw-mine sbw-pending">
          <div class="sbw-text">{p.text}</div>
          <div class="sbw-meta">{p.failed
            ? <>Not sent · <button type="button" class="sbw-link" onClick={() => onRetry(p)}>Retry</button></>
            : "Sending…"}</div>
        </div>
      ))}
      <div ref={end} />
    </div>
  );
}
export function Composer({ onSend, onTyping, onAttach }: { onSend: (text: string) => void; onTyping: (t: boolean) => void; onAttach: (f: File) => void }) {
  const [text, setText] = useState("");
  const fileRef = useRef<HTMLInputElement>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    const t = text.trim();
    if (!t) return;
    onSend(t);
    setText("");
  };
  return (
    <form class="sbw-composer" onSubmit={submit}>
      <label class="sbw-sr" for="sbw-input">Your message</label>
      <textarea id="sbw-input" rows={1} maxLength={10000} placeholder="Type a message…" value={text}
        onInput={(e) => { setText((e.target as HTMLTextAreaElement).value); onTyping(true); }}
        onBlur={() => onTyping(false)}
        onKeyDown={(e) => { if (e.key === "Enter" && !e.shiftKey) submit(e); }} />
      <input ref={fileRef} id="sbw-file" type="file" class="sbw-sr" tabIndex={-1} aria-hidden="true"
        onChange={(e) => { const input = e.target as HTMLInputElement; const f = input.files?.[0]; if (f) onAttach(f); input.value = ""; }} />
      <button type="button" class="sbw-attach" aria-label="Attach a file" title="Attach a file" onClick={() => fileRef.current?.click()}>
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"
          d="M21 11.5l-8.5 8.5a5 5 0 0 1-7-7L14 4.5a3.5 3.5 0 0 1 5 5L10.5 18a2 2 0 0 1-3-3L15 7.5" /></svg>
      </button>
      <button type="submit" class="sbw-send" aria-label="Send">Send</button>
    </form>
  );
}
