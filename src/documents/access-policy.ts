import { z } from "zod";
import { commitmentOf } from "../chain/commitment.js";
import type { Hex } from "../chain/register-contract.js";
import { parseApplicationNumber } from "../domain/application-number.js";
import { IP_TYPES, type IpType } from "../domain/ip-types.js";
import { DiprError, isDiprError } from "../errors.js";
import type { RequestHeaders } from "./request-auth.js";

/**
 * Who may read a document: the office that owns its application; an office with an application in the same
 * extended family (domain.md 6.2, as the node has indexed it, so a reorganisation that removes the link removes the
 * access); or an office that holds the application's access code (issue 17), e.g. from the applicant before its
 * own application is on the register.
 *
 * The access code travels in the `Dipr-Access-Code` header with what it opens: base64url (no padding) of the JSON
 * `{ accessCode, number, filingDate, ipType }`, the same fields as verify-blinded's body. The node recomputes the
 * commitment with the owning office and compares it with the application's commitment on the register, so it needs
 * nothing it might not have indexed (an unrevealed application's number is on no chain). The header is a secret:
 * the access log never writes it and nothing echoes it. It is not covered by the request's signature: the code is
 * a bearer secret whoever holds it may use with any of its office's keys, and the signed request's nonce already
 * keeps the pair from being replayed.
 */
export const ACCESS_CODE_HEADER = "dipr-access-code";

export type AccessCodeOpening = Readonly<{
  /** 32 bytes, 0x-hex. */
  accessCode: Hex;
  /** The application's number, in any form its office uses. */
  number: string;
  filingDate: string;
  ipType: IpType;
}>;

/** The application a document belongs to, as the node knows it from the register. */
export type DocumentApplication = Readonly<{
  applicationId: Hex;
  /** The owning office, ST.3. */
  office: string;
  /** The application's commitment, when it was registered blinded (revealed or not); an access code opens only this. */
  commitment?: Hex;
}>;

/** The node's store answers it from its family components. */
export type FamilyLookup = Readonly<{
  /** The offices with an application in the extended family of `applicationId` (its own office included). */
  familyOffices(applicationId: Hex): ReadonlySet<string> | Promise<ReadonlySet<string>>;
}>;

export type AccessBasis = "owner" | "family" | "accessCode";

export type AuthorizeDocumentAccessParams = Readonly<{
  /** The office authenticated by verifyDocumentRequest. */
  requester: Readonly<{ office: string }>;
  application: DocumentApplication;
  family: FamilyLookup;
  /** From {@link readAccessCode}, when the request carried one. */
  accessCode?: AccessCodeOpening;
}>;

/** The header a client sends to open an application by its access code. */
export const accessCodeHeader = (opening: AccessCodeOpening): Readonly<Record<typeof ACCESS_CODE_HEADER, string>> => ({
  [ACCESS_CODE_HEADER]: Buffer.from(JSON.stringify(opening)).toString("base64url"),
});

const OpeningSchema = z
  .object({
    accessCode: z.string().regex(/^0x[0-9a-fA-F]{64}$/).transform((v) => v.toLowerCase() as Hex),
    number: z.string().min(1).max(64),
    filingDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    ipType: z.enum(IP_TYPES),
  })
  .strict();

// An opening is about 165 characters of JSON (220 in base64url); the limit keeps a stray header from being parsed at length.
const MAX_HEADER_LENGTH = 1024;

/**
 * The access code opening a request carries, if any. The messages never quote the header's content.
 * @throws DiprError DOCUMENT_REQUEST_MALFORMED with `details.header` "dipr-access-code"
 */
export function readAccessCode(headers: RequestHeaders): AccessCodeOpening | undefined {
  const value = headers[ACCESS_CODE_HEADER];
  if (value === undefined) return undefined;
  const details = { header: ACCESS_CODE_HEADER };
  if (typeof value !== "string") throw new DiprError("DOCUMENT_REQUEST_MALFORMED", `The ${ACCESS_CODE_HEADER} header is given ${value.length} times; give it once.`, details);
  if (value.length > MAX_HEADER_LENGTH || !/^[A-Za-z0-9_-]+$/.test(value)) {
    throw new DiprError("DOCUMENT_REQUEST_MALFORMED", `The ${ACCESS_CODE_HEADER} header is not base64url of at most ${MAX_HEADER_LENGTH} characters.`, details);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    // The parser's message quotes the text, which is secret: it is not kept as the cause.
    throw new DiprError("DOCUMENT_REQUEST_MALFORMED", `The ${ACCESS_CODE_HEADER} header is not base64url of JSON.`, details);
  }
  const parsed = OpeningSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => (i.code === "unrecognized_keys" ? i.keys.join(", ") : i.path.join(".")));
    throw new DiprError("DOCUMENT_REQUEST_MALFORMED", `The ${ACCESS_CODE_HEADER} header has bad or unknown fields: ${fields.join(", ")}.`, { ...details, fields });
  }
  return parsed.data;
}

/** Whether the opening recomputes the application's commitment (number normalised by the office's rules first). */
function opens(application: DocumentApplication, opening: AccessCodeOpening): boolean {
  if (application.commitment === undefined) return false;
  let number: string;
  try {
    number = parseApplicationNumber(application.office, opening.number, { ipType: opening.ipType }).applicationNumberText;
    const commitment = commitmentOf({ office: application.office, number, filingDate: opening.filingDate, ipType: opening.ipType }, opening.accessCode);
    return commitment === application.commitment.toLowerCase();
  } catch (error) {
    // A number or date the office's rules refuse opens nothing; which rule failed is not told, as it would be a
    // hint about the number to whoever is guessing.
    if (isDiprError(error)) return false;
    throw error;
  }
}

/**
 * Decides whether an authenticated office may read a document of `application`, and on what basis.
 * @throws DiprError DOCUMENT_ACCESS_DENIED (not the owner, no application in the family, no access code),
 *   DOCUMENT_ACCESS_CODE_MISMATCH (an access code was given and does not open the application's commitment)
 */
export async function authorizeDocumentAccess(p: AuthorizeDocumentAccessParams): Promise<AccessBasis> {
  const { office } = p.requester;
  const details = { office, applicationId: p.application.applicationId };
  if (office === p.application.office) return "owner";
  if ((await p.family.familyOffices(p.application.applicationId)).has(office)) return "family";
  if (p.accessCode === undefined) {
    throw new DiprError("DOCUMENT_ACCESS_DENIED", `Office ${office} has no application in the family of ${p.application.applicationId} and gave no access code.`, details);
  }
  if (!opens(p.application, p.accessCode)) {
    throw new DiprError(
      "DOCUMENT_ACCESS_CODE_MISMATCH",
      p.application.commitment === undefined
        ? `Application ${p.application.applicationId} was not registered with a commitment, so no access code opens it.`
        : `The access code, number, filing date and IP type given do not open the commitment of ${p.application.applicationId}.`,
      details,
    );
  }
  return "accessCode";
}
