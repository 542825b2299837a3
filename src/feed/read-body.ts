import type { IncomingHttpHeaders } from 'node:http';
import type { Readable, Transform } from 'node:stream';
import zlib from 'node:zlib';
import { FeedError } from './feed-error.js';

/** "5 MB", "512 KB", "100 bytes": how the size cap reads in feed health. */
export function formatBytes(bytes: number): string {
  const mb = 1024 * 1024;
  if (bytes >= mb) return `${Number((bytes / mb).toFixed(1))} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

export function tooLarge(maxBytes: number): FeedError {
  return new FeedError('too-large', `response larger than ${formatBytes(maxBytes)}`);
}

function decoderFor(encoding: string, firstByte: number | undefined): Transform | undefined {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      // zlib-wrapped deflate starts with 0x78; some servers send raw deflate
      return firstByte === 0x78 ? zlib.createInflate() : zlib.createInflateRaw();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}

/**
 * Reads a response body, decompressing gzip/deflate/br as it streams. Both the bytes on the wire
 * and the decompressed bytes are capped at `maxBytes`: past the cap everything is destroyed at
 * once, so a compression bomb is never inflated into memory. Resolves with the decoded bytes.
 */
export function readBody(
  res: Readable,
  headers: IncomingHttpHeaders,
  maxBytes: number,
): Promise<{ body: Buffer; wireBytes: number }> {
  const encoding = (headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let wireBytes = 0;
    let size = 0;
    let decoder: Transform | undefined;
    let settled = false;
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      decoder?.destroy();
      res.destroy();
      reject(
        err instanceof FeedError
          ? err
          : new FeedError('network', bodyErrorMessage(err), { cause: err }),
      );
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) return fail(tooLarge(maxBytes));
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      if (settled) return;
      settled = true;
      resolve({ body: Buffer.concat(chunks), wireBytes });
    };
    if (encoding !== 'identity' && encoding !== '' && decoderFor(encoding, 0) === undefined) {
      return fail(
        new FeedError('network', `unsupported Content-Encoding "${encoding}"`, {
          retryable: false,
        }),
      );
    }
    res.on('error', fail);
    res.on('data', (chunk: Buffer) => {
      wireBytes += chunk.length;
      if (wireBytes > maxBytes) return fail(tooLarge(maxBytes));
      if (encoding === 'identity' || encoding === '') return onData(chunk);
      if (!decoder) {
        decoder = decoderFor(encoding, chunk[0]);
        decoder?.on('data', onData).on('end', onEnd).on('error', fail);
      }
      decoder?.write(chunk);
    });
    res.on('end', () => (decoder ? decoder.end() : onEnd()));
  });
}

function bodyErrorMessage(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code === 'ERR__ERROR') {
    return 'response body is not valid compressed data';
  }
  return `connection failed while reading the response: ${err instanceof Error ? err.message : String(err)}`;
}
