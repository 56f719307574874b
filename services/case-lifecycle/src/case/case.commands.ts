import type { CaseIntake } from './case.events';

/** From the referral-accepted integration event: the house took the child in. */
export type OpenCase = { type: 'OpenCase'; data: CaseIntake };
export type CaseCommand = OpenCase;
