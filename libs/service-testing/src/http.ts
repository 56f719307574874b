import { authHeaders } from '@sagsspor/testing';
import type { Role } from '@sagsspor/auth';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test answers are read freely
export interface HttpAnswer<T = any> {
  status: number;
  contentType: string;
  headers: Headers;
  body: T;
  text: string;
}

/** A small HTTP client for tests: JSON in, JSON (or text) out, with a development token for a role. */
export function httpAs(baseUrl: string, role?: Role, tenant: { municipality?: string; house?: string } = {}) {
  const headers = async (extra: Record<string, string> = {}) => ({ ...(role ? await authHeaders(role, tenant) : {}), ...extra });
  const send = async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<HttpAnswer> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: await headers(body === undefined ? extra : { 'content-type': 'application/json', ...extra }),
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    let parsed: unknown = text;
    if (/json/.test(contentType) && text) parsed = JSON.parse(text);
    return { status: response.status, contentType, headers: response.headers, body: parsed, text };
  };
  return {
    get: (path: string, extra?: Record<string, string>) => send('GET', path, undefined, extra),
    post: (path: string, body?: unknown, extra?: Record<string, string>) => send('POST', path, body ?? {}, extra),
    put: (path: string, body: unknown, extra?: Record<string, string>) => send('PUT', path, body, extra),
    delete: (path: string, extra?: Record<string, string>) => send('DELETE', path, undefined, extra),
  };
}
