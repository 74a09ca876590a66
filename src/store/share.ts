/**
 * Share links: the whole scenario, compressed into the URL fragment (`#s=…`), so a link reopens
 * it exactly and never reaches a server. deflate-raw via the browser's CompressionStream, then
 * base64url. Decoding treats the link as hostile: bounded sizes, strict checks, clear errors.
 */
import type { SavedDocument } from './persistence';
import { MAX_DOCUMENT_CHARS, parseSavedDocument } from './persistence';

const PREFIX = 's=';
/** Longer fragments are refused before decoding (browsers cap URLs around 2 MB anyway). */
const MAX_FRAGMENT_CHARS = 2_000_000;

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

async function pipe(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  limit: number,
): Promise<Uint8Array | null> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      return null; // a "zip bomb" link: stop expanding
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

/** The fragment (without `#`) for a document. */
export async function encodeShare(
  doc: Pick<SavedDocument, 'fileName' | 'appliedText'>,
): Promise<string> {
  const json = new TextEncoder().encode(
    JSON.stringify({
      fileName: doc.fileName,
      appliedText: doc.appliedText,
      draftText: doc.appliedText,
    }),
  );
  const packed = await pipe(json, new CompressionStream('deflate-raw'), Number.MAX_SAFE_INTEGER);
  return `${PREFIX}${toBase64Url(packed ?? new Uint8Array())}`;
}

export type ShareResult =
  | { readonly ok: true; readonly doc: SavedDocument }
  | { readonly ok: false; readonly message: string }
  | null;

/** Read a fragment; null when it is not a share link at all. */
export async function decodeShare(fragment: string): Promise<ShareResult> {
  const f = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (!f.startsWith(PREFIX)) return null;
  const body = f.slice(PREFIX.length);
  const broken = (why: string): ShareResult => ({
    ok: false,
    message: `This share link is broken (${why}); your saved work is unchanged.`,
  });
  if (body.length > MAX_FRAGMENT_CHARS) return broken('it is too long');
  const bytes = fromBase64Url(body);
  if (!bytes) return broken('it is not valid base64url');
  let json: Uint8Array | null;
  try {
    json = await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_DOCUMENT_CHARS * 4);
  } catch {
    return broken('it does not decompress');
  }
  if (!json) return broken('it expands to more than the size limit');
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    return broken('its content is not a scenario');
  }
  const doc = parseSavedDocument(parsed);
  return doc ? { ok: true, doc } : broken('its content is not a scenario');
}
