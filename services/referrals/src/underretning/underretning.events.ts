import type { Concern, UnderretningSource } from '@sagsspor/contracts';

/** Internal events of an underretning stream. No CPR: the child is its childRef. */
export type UnderretningEvent = {
  type: 'UnderretningReceived';
  data: {
    underretningId: string;
    municipalityCode: string;
    childRef: string;
    childBirthDate: string;
    childSex: 'female' | 'male';
    receivedAt: string;
    concerns: Concern[];
    source: UnderretningSource;
  };
};

export const underretningStreamId = (underretningId: string) => `underretning-${underretningId}`;
