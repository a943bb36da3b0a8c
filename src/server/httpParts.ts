import type { IncomingMessage, ServerResponse } from 'node:http';
import { Refusal } from './pushCheck';

/** The request body as JSON, refused beyond `maxBytes` before more of it is read. */
export function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      reject(new Refusal(413, `A request body is at most ${maxBytes.toLocaleString('en-GB')} bytes.`));
      request.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new Refusal(413, `A request body is at most ${maxBytes.toLocaleString('en-GB')} bytes.`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('error', reject);
    request.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new Refusal(400, 'The request body is not valid JSON.'));
      }
    });
  });
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (response.headersSent) return;
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  response.end(text);
}

export const bearerToken = (request: IncomingMessage): string | null => {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer (\S+)$/.exec(header) : null;
  return match ? match[1]! : null;
};

/** A whole number query parameter within [min, max], or the fallback when absent. */
export function countParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const text = url.searchParams.get(name);
  if (text === null) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new Refusal(400, `"${name}" is a whole number from ${min} to ${max.toLocaleString('en-GB')}.`);
  }
  return value;
}
