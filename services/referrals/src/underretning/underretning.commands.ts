import type { UnderretningEvent } from './underretning.events';

export type ReceiveUnderretning = { type: 'ReceiveUnderretning'; data: UnderretningEvent['data'] };
export type UnderretningCommand = ReceiveUnderretning;
