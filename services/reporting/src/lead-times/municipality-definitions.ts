// The definitions the municipality-scoped reports state in their answers (ADR 0075; the same words
// are in docs/services/reporting.md).

/**
 * § 20 deadline risk. Source: Ankestyrelsen's study (`003_c4a1c813f5ce4a07.txt`): "53 kommuner …
 * oplever, at ventetid på børnehusets udredning påvirker, om de kan overholde fire måneders fristen
 * for de børnefaglige undersøgelser" (servicelovens § 50, stk. 7, now barnets lov § 20: the
 * investigation is to be finished "senest fire måneder efter kommunen er blevet opmærksom på, at et
 * barn/ung kan have behov for særlig støtte").
 */
export const SECTION_20_RISK_DEFINITION =
  'The § 20 deadline is municipalityAwareAt (the day the municipality became aware, as the referral states it) + 4 calendar months (an earlier month-end when the day does not exist). ' +
  'A case is at risk when it is open at the house on asOf (opened on or before asOf, not closed by it) and its deadline has passed (asOf after the deadline: section20.passed) ' +
  'or is near (0 to warningDays − 1 days left, the deadline day itself counted as not passed: section20.approaching). ' +
  'Our choices: the warning window (LEAD_TIME_WARNING_DAYS, 14), and only cases open at the house (a closed case is back with the municipality; an underretning not referred is a mandatory-referral gap).';

/** Which rows a municipality filter keeps. */
export const MUNICIPALITY_SCOPE_DEFINITION =
  "Only this municipality's children and cases: the handlekommune the referral named (cases) or the police recorded (video interviews). A municipality caller always gets its own.";
