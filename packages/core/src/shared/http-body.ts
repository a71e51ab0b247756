/** A request body past a route's limit: answered 413 without reading the rest. */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`Bodies are limited to ${maxBytes} bytes`);
  }
}

/**
 * Reads a plugin route's request body, at most `maxBytes` of it: a larger Content-Length is refused
 * before reading, and a chunked body is refused as soon as it passes the limit (the rest is never
 * read or buffered), so an oversized body costs no more memory than the limit.
 */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<Buffer> {
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) throw new BodyTooLargeError(maxBytes);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > maxBytes) {
      void reader.cancel().catch(() => {});
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
}
