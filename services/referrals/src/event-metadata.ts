import type { EventMetadata } from '@sagsspor/event-store';
import { type AuthenticatedRequest, eventMetadataFrom } from '@sagsspor/platform';
import type { Request } from 'express';

/** Correlation and trace context of the request, and who made it (the token's role and subject), for the audit trail. */
export function metadataOf(request: Request): EventMetadata {
  const principal = (request as AuthenticatedRequest).principal;
  return { ...eventMetadataFrom(request), ...(principal ? { actor: `${principal.role}:${principal.subject}` } : {}) };
}
