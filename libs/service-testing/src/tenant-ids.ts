import type { HttpAnswer } from './http';

/**
 * What a caller learns from an answer about an id: its status, content type, the names of its
 * headers and its body, with the id itself (which the caller sent) replaced. Two answers that look
 * the same here tell the caller nothing about which id exists (ADR 0095).
 */
export function answerApartFromId(answer: HttpAnswer, id: string): { status: number; contentType: string; headers: string[]; body: string } {
  const perRequest = new Set(['date', 'x-correlation-id', 'traceparent', 'content-length', 'etag', 'ratelimit', 'ratelimit-policy', 'ratelimit-remaining', 'ratelimit-reset', 'keep-alive', 'connection']);
  return {
    status: answer.status,
    contentType: answer.contentType,
    headers: [...answer.headers.keys()].filter((name) => !perRequest.has(name)).sort(),
    body: answer.text.split(id).join('<id>'),
  };
}
