import { DiprError } from "../errors.js";
import { ORGANISATION_KIND, ST3_ROWS } from "./st3-table.js";

/** An ST.3 code that passed {@link parseOfficeCode}. */
export type OfficeCode = string & { readonly __brand: "OfficeCode" };

export type OfficeKind = "national" | "regional" | "international";

/** Why a first filing at the office can (or cannot) found a Paris priority; see st3-table.ts. */
export type ParisBasis = "parisMember" | "wtoMember" | "treaty" | "territory" | "none";

export type OfficeInfo = Readonly<{
  code: OfficeCode;
  name: string;
  kind: OfficeKind;
  parisBasis: ParisBasis;
  /** Paris Art. 4A(1)/(2), TRIPS Art. 2.1: a first filing here may be claimed as priority. */
  foundsParisPriority: boolean;
  /** false where the membership status was not checked against WIPO/WTO lists. */
  parisStatusVerified: boolean;
}>;

const BASIS: Readonly<Record<string, ParisBasis>> = {
  P: "parisMember",
  W: "wtoMember",
  O: "treaty",
  T: "territory",
  N: "none",
};

function loadOffices(): ReadonlyMap<string, OfficeInfo> {
  const offices = new Map<string, OfficeInfo>();
  for (const line of ST3_ROWS.split("\n")) {
    if (line === "") continue;
    const [code, name, flag] = line.split("|");
    const basis = BASIS[flag?.charAt(0) ?? ""];
    if (code === undefined || name === undefined || flag === undefined || basis === undefined) {
      throw new TypeError(`malformed ST.3 row '${line}'`);
    }
    offices.set(code, {
      code: code as OfficeCode,
      name,
      kind: ORGANISATION_KIND[code] ?? "national",
      parisBasis: basis,
      foundsParisPriority: basis === "parisMember" || basis === "wtoMember" || basis === "treaty",
      parisStatusVerified: !flag.endsWith("?"),
    });
  }
  return offices;
}

const OFFICES = loadOffices();

/** Every ST.3 office dipr knows, sorted by code. */
export const listOffices = (): readonly OfficeInfo[] => [...OFFICES.values()];

export const isOfficeCode = (text: string): text is OfficeCode => OFFICES.has(text);

/**
 * Validates an ST.3 office code (domain.md 1.1): exactly two ASCII upper-case letters on the ST.3 list.
 * Input is never case-folded or trimmed (that is the UI's job); a lower-case code gets an error suggesting the fix.
 * @throws DiprError OFFICE_CODE_LENGTH, OFFICE_CODE_NOT_UPPERCASE, OFFICE_CODE_CHARSET, OFFICE_CODE_UNKNOWN
 */
export function parseOfficeCode(text: string): OfficeCode {
  const value = String(text);
  // Order follows domain.md 1.3: a stray character (" US", "U5") is a charset error even when the length is also off.
  if (/[^A-Za-z]/.test(value)) {
    throw new DiprError("OFFICE_CODE_CHARSET", `Office code '${value}' may contain only the letters A-Z.`, { office: value });
  }
  if (value.length !== 2) {
    throw new DiprError("OFFICE_CODE_LENGTH", `Office code '${value}' must have exactly two letters.`, {
      office: value,
      length: value.length,
    });
  }
  if (value !== value.toUpperCase()) {
    const suggestion = value.toUpperCase();
    throw new DiprError("OFFICE_CODE_NOT_UPPERCASE", `Office code '${value}' must be upper case: did you mean '${suggestion}'?`, {
      office: value,
      suggestion,
    });
  }
  if (!OFFICES.has(value)) {
    throw new DiprError("OFFICE_CODE_UNKNOWN", `Office code '${value}' is not a known WIPO ST.3 code.`, { office: value });
  }
  return value as OfficeCode;
}

/** @throws the errors of {@link parseOfficeCode} */
export function getOffice(code: string): OfficeInfo {
  const info = OFFICES.get(parseOfficeCode(code));
  if (info === undefined) throw new TypeError(`office ${code} vanished from the ST.3 table`);
  return info;
}
