import type { CommandContext } from '@sagsspor/event-store';

/**
 * What an adapter (HTTP, Kafka) passes with an aggregate's command besides its data: the event
 * metadata, the caller's idempotency key, and the unit of work to join (a consumer's inbox
 * transaction). The command handler adds the time.
 */
export type CommandCallContext = Omit<CommandContext, 'now'>;
