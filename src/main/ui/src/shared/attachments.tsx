// Attachments for the widget and the console: upload with fetch (raw body, the bearer token), then
// the message refers to the file by id; images are shown inline and other files offered as downloads,
// both fetched with the bearer token into blob: URLs (the download endpoint wants the token, which an
// <img src> cannot send). File names are text, never HTML.
import { useEffect, useState } from "preact/hooks";
import type { ApiError } from "./api";

export type Attachment = { id: string; fileName: string; contentType: string; size: number; url: string };

const INLINE = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** POST /api/v1/chats/{id}/attachments; resolves with the stored file or rejects with {code, message}. */
export async function uploadAttachment(base: string, token: string, conversationId: string, file: File): Promise<Attachment> {
  let res: Response;
  try {
    res = await fetch(`${base}/api/v1/chats/${encodeURIComponent(conversationId)}/attachments`, {
      method: "POST", body: file,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": file.type || "application/octet-stream",
        "X-File-Name": encodeURIComponent(file.name) },
    });
  } catch {
    throw { code: "NETWORK", message: "The server cannot be reached" } satisfies ApiError;
  }
  const text = await res.text();
  let json: any = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON: the status says enough */ }
  if (!res.ok) {
    const message = res.status === 413 ? "The file is too large."
      : res.status === 415 ? "Files of this type cannot be sent."
      : json?.detail ?? json?.message ?? json?.title ?? res.statusText;
    throw { code: json?.code ?? `HTTP_${res.status}`, message } satisfies ApiError;
  }
  return (json?.data ?? json) as Attachment;
}

/** What the server accepts (GET /api/v1/attachment-limits): at most maxBytes, of one of types. */
export type AttachmentLimits = { maxBytes: number; types: string[] };

/** The server's upload limits; null when they cannot be had (the server still checks every upload). */
export async function loadAttachmentLimits(base: string): Promise<AttachmentLimits | null> {
  try {
    const res = await fetch(`${base}/api/v1/attachment-limits`);
    if (!res.ok) return null;
    const json = await res.json();
    return typeof json?.maxBytes === "number" && Array.isArray(json?.types) ? json as AttachmentLimits : null;
  } catch {
    return null;
  }
}

/** Why the server would refuse this file, in words for people; null when it is within the limits. */
export function refusalOf(file: File, limits: AttachmentLimits | null): string | null {
  if (!limits) return null;
  const type = (file.type || "application/octet-stream").split(";")[0].trim().toLowerCase();
  if (!limits.types.includes(type)) {
    return `"${file.name}" cannot be sent: files of this type are not accepted. Accepted: ${describeTypes(limits.types)}.`;
  }
  if (file.size === 0) return `"${file.name}" cannot be sent: the file is empty.`;
  if (file.size > limits.maxBytes) {
    return `"${file.name}" cannot be sent: it is ${sizeText(file.size)}, files can be at most ${sizeText(limits.maxBytes)}.`;
  }
  return null;
}

function describeTypes(types: string[]): string {
  const names: Record<string, string> = { "image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WebP",
    "application/pdf": "PDF", "text/plain": "text" };
  return [...new Set(types.map((t) => names[t] ?? t))].join(", ");
}

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 102.4) / 10} KB`;
  return `${Math.round(bytes / (1024 * 102.4)) / 10} MB`;
}

/** The file's bytes as a blob: URL, fetched with the token; revoked when the component goes. */
function useBlobUrl(base: string, token: string, a: Attachment, enabled: boolean) {
  const [state, setState] = useState<{ url: string | null; error: boolean }>({ url: null, error: false });
  useEffect(() => {
    if (!enabled) return;
    let url: string | null = null, gone = false;
    fetch(base + a.url, { headers: { Authorization: `Bearer ${token}` } })
      .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(String(r.status)))))
      .then((b) => { if (gone) return; url = URL.createObjectURL(b); setState({ url, error: false }); })
      .catch(() => { if (!gone) setState({ url: null, error: true }); });
    return () => { gone = true; if (url) URL.revokeObjectURL(url); };
  }, [a.id, enabled]);
  return state;
}

/** One attachment: an inline image, or a button that downloads the file; `cls` prefixes the class names (widget: "sbw-"). */
export function AttachmentView({ base, token, a, cls }: { base: string; token: string; a: Attachment; cls: string }) {
  const image = INLINE.has(a.contentType);
  const blob = useBlobUrl(base, token, a, image);
  const [download, setDownload] = useState<"idle" | "busy" | "failed">("idle");
  const label = `${a.fileName} (${sizeText(a.size)})`;
  if (image) {
    return blob.url ? <img class={`${cls}image`} src={blob.url} alt={a.fileName} />
      : <span class={`${cls}attachment`} role={blob.error ? "alert" : undefined}>{blob.error ? `Image unavailable: ${label}` : `Loading ${label}…`}</span>;
  }
  const save = async () => {
    setDownload("busy");
    try {
      const r = await fetch(base + a.url, { headers: { Authorization: `Bearer ${token}` } });
      if (!r.ok) throw new Error(String(r.status));
      const url = URL.createObjectURL(await r.blob());
      const link = document.createElement("a");
      link.href = url; link.download = a.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setDownload("idle");
    } catch { setDownload("failed"); }
  };
  return (
    <button type="button" class={`${cls}attachment ${cls}file`} onClick={save} disabled={download === "busy"} aria-label={`Download ${a.fileName}`}>
      {download === "failed" ? `Download failed, try again: ${label}` : download === "busy" ? `Downloading ${label}…` : `⬇ ${label}`}
    </button>
  );
}
