import { addMonths, epochDayToIso, isoToEpochDay } from "./dates.js";

/**
 * When an unpublished application is due for publication (domain.md 8.1: 18 months from the earliest priority for
 * most patent systems, e.g. EPC Art. 93(1)). The register holds no filing date of a blinded application, only when
 * its commitment was recorded (block time), and an office records an application on or after its filing; so a
 * commitment still unrevealed 18 months after it was recorded is certainly more than 18 months past its filing
 * date. The flag is conservative: a commitment recorded late is flagged late, never early.
 */
export const PUBLICATION_MONTHS = 18;

/** The day publication is due for an application filed (or recorded) on `iso`: 18 calendar months later (PCT Rule 80.2 arithmetic). */
export const publicationDue = (iso: string): string => epochDayToIso(addMonths(isoToEpochDay(iso), PUBLICATION_MONTHS));

/** Whether the 18 months from `iso` have passed on `asOf` (both YYYY-MM-DD): publication was due on or before the day before. */
export const isPublicationDuePassed = (iso: string, asOf: string): boolean => publicationDue(iso) < asOf;

export type PublicationOverdueInput = Readonly<{
  /** The UTC day the commitment was recorded (its block's time). */
  committedOn: string;
  revealed: boolean;
  /** The UTC day of the chain's head as the node has indexed it (never the wall clock: answers are reproducible). */
  asOf: string;
}>;

/**
 * The node's flag on a blinded application: still unrevealed 18 months after its commitment was recorded.
 * @example isPublicationOverdue({ committedOn: "2026-01-15", revealed: false, asOf: "2027-07-16" }) // true
 */
export const isPublicationOverdue = ({ committedOn, revealed, asOf }: PublicationOverdueInput): boolean => !revealed && isPublicationDuePassed(committedOn, asOf);
