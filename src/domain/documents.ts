import { DiprError } from "../errors.js";
import { parseApplicationNumber } from "./application-number.js";
import { parseOfficeCode, type OfficeCode } from "./office-codes.js";

/**
 * The kinds of search and examination document an office shares with the offices of the family (Recommendation
 * 15), in the order of their chain codes. Codes start at 1: 0 is what an unset uint8 reads as, so it never names a
 * kind. Never reorder or reuse a code: it is stored on chain.
 */
export const DOCUMENT_KINDS = ["searchReport", "writtenOpinion", "examinationReport", "officeAction", "grant", "refusal"] as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export type DocumentKindInfo = Readonly<{
  /** The uint8 the register stores. */
  code: number;
  /** The ST.96-style element name (UpperCamelCase); the JSON name is the kind itself (lowerCamelCase, ST.90). */
  st96Name: string;
  /** Whether the element name was seen in an ST.96 schema or instance; the others follow ST.96 naming only. */
  isSt96NameConfirmed: boolean;
  description: string;
}>;

// SearchReport is the element name of JPO's ST.96 patent schema (jppat:SearchReportBag/jppat:SearchReport); the
// WIPO pat: namespace name and the five other names could not be checked against the ST.96 schemas here.
export const DOCUMENT_KIND_INFO: Readonly<Record<DocumentKind, DocumentKindInfo>> = {
  searchReport: { code: 1, st96Name: "SearchReport", isSt96NameConfirmed: true, description: "search report (national, regional or PCT international search report)" },
  writtenOpinion: { code: 2, st96Name: "WrittenOpinion", isSt96NameConfirmed: false, description: "written opinion (of the searching or examining authority)" },
  examinationReport: { code: 3, st96Name: "ExaminationReport", isSt96NameConfirmed: false, description: "examination report (including a PCT international preliminary report)" },
  officeAction: { code: 4, st96Name: "OfficeAction", isSt96NameConfirmed: false, description: "office action or communication during examination" },
  grant: { code: 5, st96Name: "Grant", isSt96NameConfirmed: false, description: "decision to grant" },
  refusal: { code: 6, st96Name: "Refusal", isSt96NameConfirmed: false, description: "decision to refuse" },
};

export const isDocumentKind = (value: unknown): value is DocumentKind =>
  typeof value === "string" && (DOCUMENT_KINDS as readonly string[]).includes(value);

/** @throws DiprError DOCUMENT_KIND_UNKNOWN */
export function assertDocumentKind(value: unknown): DocumentKind {
  if (!isDocumentKind(value)) {
    throw new DiprError("DOCUMENT_KIND_UNKNOWN", `Document kind '${String(value)}' is not one of ${DOCUMENT_KINDS.join(", ")}.`, { kind: value });
  }
  return value;
}

export const documentKindToCode = (kind: DocumentKind): number => DOCUMENT_KIND_INFO[assertDocumentKind(kind)].code;

/** @throws DiprError DOCUMENT_KIND_UNKNOWN for a code no kind has (0, or a value from a newer register). */
export function documentKindFromCode(code: number): DocumentKind {
  const kind = DOCUMENT_KINDS.find((k) => DOCUMENT_KIND_INFO[k].code === code);
  if (kind === undefined) {
    throw new DiprError("DOCUMENT_KIND_UNKNOWN", `Document kind code ${code} is outside 1..${DOCUMENT_KINDS.length}.`, { code });
  }
  return kind;
}

/**
 * The international references an application may record (Recommendation 12), in the order of their chain codes
 * (from 1, as for document kinds): the PCT international application, the Madrid and Hague international
 * registrations, and the application's dossier in WIPO CASE.
 */
export const INTERNATIONAL_REFERENCE_KINDS = ["pctApplication", "madridRegistration", "hagueRegistration", "wipoCaseDossier"] as const;

export type InternationalReferenceKind = (typeof INTERNATIONAL_REFERENCE_KINDS)[number];

export const INTERNATIONAL_REFERENCE_CODES: Readonly<Record<InternationalReferenceKind, number>> = {
  pctApplication: 1,
  madridRegistration: 2,
  hagueRegistration: 3,
  wipoCaseDossier: 4,
};

/**
 * A validated international reference. `office` and `number` are the register's canonical pair (`WO` for the PCT,
 * Madrid and Hague numbers, as the register stores them; the dossier's own office for WIPO CASE), so a reference
 * links to the register's record `canonicalId` when there is one. `text` is how people write it.
 */
export type InternationalReference = Readonly<{
  kind: InternationalReferenceKind;
  office: OfficeCode;
  number: string;
  canonicalId: string;
  /** `PCT/EP2024/012345`, `1234567`, `DM/123456`, `EP:23123456.8`. */
  text: string;
}>;

export const isInternationalReferenceKind = (value: unknown): value is InternationalReferenceKind =>
  typeof value === "string" && (INTERNATIONAL_REFERENCE_KINDS as readonly string[]).includes(value);

/** @throws DiprError INTERNATIONAL_REFERENCE_KIND_UNKNOWN */
export function assertInternationalReferenceKind(value: unknown): InternationalReferenceKind {
  if (!isInternationalReferenceKind(value)) {
    throw new DiprError(
      "INTERNATIONAL_REFERENCE_KIND_UNKNOWN",
      `International reference kind '${String(value)}' is not one of ${INTERNATIONAL_REFERENCE_KINDS.join(", ")}.`,
      { kind: value },
    );
  }
  return value;
}

export const internationalReferenceKindToCode = (kind: InternationalReferenceKind): number =>
  INTERNATIONAL_REFERENCE_CODES[assertInternationalReferenceKind(kind)];

/** @throws DiprError INTERNATIONAL_REFERENCE_KIND_UNKNOWN for a code no kind has. */
export function internationalReferenceKindFromCode(code: number): InternationalReferenceKind {
  const kind = INTERNATIONAL_REFERENCE_KINDS.find((k) => INTERNATIONAL_REFERENCE_CODES[k] === code);
  if (kind === undefined) {
    throw new DiprError("INTERNATIONAL_REFERENCE_KIND_UNKNOWN", `International reference code ${code} is outside 1..${INTERNATIONAL_REFERENCE_KINDS.length}.`, { code });
  }
  return kind;
}

const WO_SERIES: Readonly<Record<Exclude<InternationalReferenceKind, "wipoCaseDossier">, { series: string; example: string }>> = {
  pctApplication: { series: "PCT", example: "PCT/EP2024/012345" },
  madridRegistration: { series: "IR", example: "1234567" },
  hagueRegistration: { series: "DM", example: "DM/123456" },
};

/** Which WO series a number parsed at WO belongs to (the WO number rule's three forms, domain.md 2.3). */
const woSeriesOf = (parsed: ReturnType<typeof parseApplicationNumber>): string =>
  parsed.receivingOfficeCode !== undefined ? "PCT" : (parsed.typeCode ?? "");

/**
 * Parses an international reference as people write it: `PCT/EP2024/012345` (domain.md 2.3: receiving office,
 * 4-digit year, 6-digit serial; `IB` for the International Bureau), a Madrid number of up to 7 digits
 * (`1234567`, `IR 1234567`), a Hague number `DM/123456`, or a WIPO CASE dossier as the office and its application
 * number (`EP 23123456.8`, `EP:23123456.8`; WIPO CASE identifies dossiers by office and application number). The
 * numbers go through the register's own number rules, so a reference and a register record agree on the form.
 *
 * @throws DiprError INTERNATIONAL_REFERENCE_KIND_UNKNOWN; INTERNATIONAL_REFERENCE_MISMATCH when the number is of
 *   another kind (a Hague number given as a PCT application); NUMBER_FORMAT when a WIPO CASE reference names no
 *   office; and the errors of parseApplicationNumber (NUMBER_FORMAT, NUMBER_LENGTH, IMPOSSIBLE_YEAR, OFFICE_CODE_*,
 *   OFFICE_NUMBERING_UNSUPPORTED, CHECK_DIGIT_MISMATCH, ...).
 * @example parseInternationalReference("pctApplication", "PCT/EP2024/012345").number // "EP2024012345"
 */
export function parseInternationalReference(kindInput: string, input: string): InternationalReference {
  const kind = assertInternationalReferenceKind(kindInput);
  if (typeof input !== "string") throw new TypeError("an international reference must be a string");
  if (kind === "wipoCaseDossier") return parseCaseDossier(input);
  const parsed = parseApplicationNumber("WO", input);
  const expected = WO_SERIES[kind];
  const actual = woSeriesOf(parsed);
  if (actual !== expected.series) {
    const actualKind = (Object.keys(WO_SERIES) as (keyof typeof WO_SERIES)[]).find((k) => WO_SERIES[k].series === actual);
    throw new DiprError(
      "INTERNATIONAL_REFERENCE_MISMATCH",
      `'${input}' is a ${actualKind ?? "WO"} number, not a ${kind} number (written like ${expected.example}).`,
      { kind, value: input, actualKind },
    );
  }
  const number = parsed.applicationNumberText;
  const text =
    kind === "pctApplication" ? `PCT/${number.slice(0, 6)}/${number.slice(6)}` : kind === "hagueRegistration" ? `DM/${number.slice(2)}` : number;
  return { kind, office: parsed.office, number, canonicalId: parsed.canonicalId, text };
}

function parseCaseDossier(input: string): InternationalReference {
  const m = /^\s*([A-Za-z]{2})\s*[:\s]\s*(\S.*)$/.exec(input);
  if (m === null) {
    throw new DiprError("NUMBER_FORMAT", `WIPO CASE dossier '${input}' must be an office code and an application number, e.g. EP 23123456.8.`, {
      kind: "wipoCaseDossier",
      value: input,
    });
  }
  const office = parseOfficeCode(m[1] ?? "");
  const parsed = parseApplicationNumber(office, m[2] ?? "");
  return { kind: "wipoCaseDossier", office, number: parsed.applicationNumberText, canonicalId: parsed.canonicalId, text: parsed.canonicalId };
}
