/** Writing to stdout/stderr, including very large outputs, without building one giant string. */
import { writeSync } from 'node:fs';

function writeAll(fd: number, data: string | Uint8Array): void {
  const buf = typeof data === 'string' ? Buffer.from(data) : data;
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((e as NodeJS.ErrnoException).code === 'EPIPE') return;
      throw e;
    }
  }
}

export const out = (s: string | Uint8Array): void => {
  writeAll(1, s);
};
export const err = (s: string): void => {
  writeAll(2, s);
};

/** Accumulates bytes and flushes them to stdout in large chunks. */
export class ChunkWriter {
  private buf = Buffer.allocUnsafe(1 << 20);
  private len = 0;

  write(s: string): void {
    const need = Buffer.byteLength(s);
    if (this.len + need > this.buf.length) this.flush();
    if (need > this.buf.length) {
      out(s);
      return;
    }
    this.len += this.buf.write(s, this.len);
  }

  /** Write a byte sequence known to be ASCII (fast path for JSON booleans). */
  writeBytes(b: Uint8Array): void {
    if (this.len + b.length > this.buf.length) this.flush();
    if (b.length > this.buf.length) {
      out(b);
      return;
    }
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  flush(): void {
    if (this.len > 0) out(this.buf.subarray(0, this.len));
    this.len = 0;
  }
}
