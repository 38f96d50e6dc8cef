import type { z } from "zod";
import { DiprError, ERROR_TABLE, type DiprErrorCode } from "../errors.js";
import type * as Schemas from "../api/schemas.js";

/**
 * A typed client of a node's query API (`/api/v1`), for the examiner's commands and the web page alike: it uses
 * `fetch` and `URL` only, nothing of Node's own, and the answer types are the server's own schemas (type imports
 * only, so no server code is bundled). Every failure is a `DiprError`:
 * - the API cannot be reached, does not answer in time, or is not a dipr API: `API_UNAVAILABLE`;
 * - a problem answer (RFC 9457): its own `code` (`API_PROBLEM` for a code this build does not know), the message
 *   `title — detail`, the whole problem in `details.problem`.
 */

export type ClaimToVerify = z.infer<typeof Schemas.ClaimToVerify>;
export type Verdict = z.infer<typeof Schemas.Verdict>;
export type ClaimError = z.infer<typeof Schemas.ClaimError>;
export type Application = z.infer<typeof Schemas.Application>;
export type HistoryEntry = z.infer<typeof Schemas.HistoryEntry>;
export type Family = z.infer<typeof Schemas.Family>;
export type FamilyKind = Family["kind"];
export type Claimant = z.infer<typeof Schemas.Claimant>;
export type Claimants = z.infer<typeof Schemas.Claimants>;
export type Problem = z.infer<typeof Schemas.Problem>;
export type Office = z.infer<typeof Schemas.Office>;
export type BlindedApplication = z.infer<typeof Schemas.BlindedApplication>;
export type BlindedApplicationAnswer = z.infer<typeof Schemas.BlindedApplicationAnswer>;
export type CommitmentList = z.infer<typeof Schemas.CommitmentList>;
export type CommitmentClaimants = z.infer<typeof Schemas.CommitmentClaimants>;
export type BlindedClaimToVerify = z.infer<typeof Schemas.BlindedClaimToVerify>;
export type BlindedVerdict = z.infer<typeof Schemas.BlindedVerdict>;
export type DocumentReference = z.infer<typeof Schemas.DocumentReference>;
export type DocumentList = z.infer<typeof Schemas.DocumentList>;
export type InternationalReference = z.infer<typeof Schemas.InternationalReference>;
export type InternationalReferenceList = z.infer<typeof Schemas.InternationalReferenceList>;
/** An application by its office and number (in any form its office uses), or a blinded one by its commitment. */
export type DocumentSubject = Readonly<{ office: string; number: string } | { commitment: string }>;

/** The most claims one batch request carries (the API's own limit); longer lists are sent in several. */
export const VERIFY_BATCH_SIZE = 1000;
const CLAIMANTS_PAGE = 100;
const LIST_PAGE = 100;
const API_PATH = "/api/v1";

export type ApiClientOptions = Readonly<{
  /** The node's API: `http://host:port`, with or without `/api/v1`. */
  url: string;
  /** Each request's time limit (default 30 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}>;

export type ApiClient = Readonly<{
  /** The API's base, ending in `/api/v1`. */
  baseUrl: string;
  offices(): Promise<Office[]>;
  office(code: string): Promise<Office>;
  verify(claim: ClaimToVerify): Promise<Verdict>;
  /** One verdict or claim error per claim, in order; any number of claims (sent 1,000 to a request). */
  verifyBatch(claims: readonly unknown[]): Promise<(Verdict | ClaimError)[]>;
  application(office: string, number: string): Promise<Application>;
  history(office: string, number: string): Promise<HistoryEntry[]>;
  family(office: string, number: string, kind?: FamilyKind): Promise<Family>;
  /** One page of claimants. */
  claimants(office: string, number: string, page?: { limit?: number; cursor?: string }): Promise<Claimants>;
  /** Every claimant, following `links.next` to the end. */
  allClaimants(office: string, number: string): Promise<Claimants>;
  /** An unpublished application's blinded record (API_COMMITMENT_NOT_FOUND when the register does not hold it). */
  commitment(commitment: string): Promise<BlindedApplicationAnswer>;
  /** The family of an unpublished application, by its commitment (once revealed: of the application it was revealed as). */
  commitmentFamily(commitment: string, kind?: FamilyKind): Promise<Family>;
  /** One page of commitments: every one, one office's, or the overdue ones (still unrevealed 18 months after they were recorded). */
  commitments(filter?: { office?: string; overdue?: boolean }, page?: { limit?: number; cursor?: string }): Promise<CommitmentList>;
  /** Every commitment, one office's, or the overdue ones (still unrevealed 18 months after they were recorded), following `links.next` to the end. */
  allCommitments(filter?: { office?: string; overdue?: boolean }): Promise<CommitmentList>;
  /** Who claims an unpublished application: claimant ids or commitments and their offices, every page (following `links.next` to the end). */
  commitmentClaimants(commitment: string): Promise<CommitmentClaimants>;
  /** Whether the register holds the commitment of these fields and access code (sent in the body only). */
  verifyBlinded(claim: BlindedClaimToVerify): Promise<BlindedVerdict>;
  /** The document references recorded for an application or a commitment (the documents stay at their offices). */
  documents(subject: DocumentSubject): Promise<DocumentList>;
  /** The international references (PCT, Madrid, Hague, WIPO CASE) recorded for an application or a commitment. */
  internationalReferences(subject: DocumentSubject): Promise<InternationalReferenceList>;
}>;

export const isClaimError = (entry: Verdict | ClaimError): entry is ClaimError => "errors" in entry;

/** `http://host:3000`, `http://host:3000/` and `http://host:3000/api/v1/` all give `http://host:3000/api/v1`. */
export function apiBaseUrl(url: string): string {
  const parsed = new URL(url);
  const path = parsed.pathname.replace(/\/+$/, "");
  parsed.pathname = path.endsWith(API_PATH) ? path : `${path}${API_PATH}`;
  parsed.search = "";
  parsed.hash = "";
  return parsed.toString();
}

const isKnownCode = (code: unknown): code is DiprErrorCode => typeof code === "string" && Object.hasOwn(ERROR_TABLE, code);

/** A problem answer as a DiprError: `title — detail` (or the field problems when there is no detail). */
export function problemError(problem: Problem): DiprError {
  const detail = problem.detail ?? problem.errors?.map((e) => `${e.target}: ${e.message}`).join("; ");
  const words = detail ? `${problem.title} — ${detail}` : problem.title;
  return isKnownCode(problem.code)
    ? new DiprError(problem.code, words, { problem })
    : new DiprError("API_PROBLEM", `${problem.code}: ${words}`, { problem });
}

const isProblem = (body: unknown): body is Problem =>
  typeof body === "object" && body !== null && typeof (body as Problem).code === "string" && typeof (body as Problem).title === "string";

export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = apiBaseUrl(options.url);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function request<T>(path: string, init: { method?: string; query?: Record<string, string | undefined>; body?: unknown } = {}): Promise<T> {
    const url = new URL(`${baseUrl}${path}`);
    for (const [name, value] of Object.entries(init.query ?? {})) if (value !== undefined) url.searchParams.set(name, value);
    let response: Response;
    try {
      response = await doFetch(url, {
        method: init.method ?? "GET",
        headers: { accept: "application/json", ...(init.body === undefined ? {} : { "content-type": "application/json" }) },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw unreachable(error);
    }
    const type = response.headers.get("content-type") ?? "";
    let body: unknown;
    try {
      body = /\bjson\b/.test(type) ? await response.json() : undefined;
    } catch (error) {
      if ((error as Error).name === "TimeoutError" || (error as Error).name === "AbortError") throw unreachable(error);
      body = undefined;
    }
    if (/^application\/problem\+json/.test(type) && isProblem(body)) throw problemError(body);
    if (!response.ok || body === undefined) {
      throw new DiprError(
        "API_UNAVAILABLE",
        `${baseUrl} is not a dipr query API: ${url.pathname} answered ${response.status} ${type || "without a content type"}.`,
        { url: url.toString(), status: response.status },
      );
    }
    return body as T;
  }

  function unreachable(error: unknown): DiprError {
    const name = (error as Error | undefined)?.name;
    const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
    const why =
      name === "TimeoutError" || name === "AbortError"
        ? `no answer within ${timeoutMs / 1000} s`
        : (cause?.message ?? cause?.code ?? (error instanceof Error ? error.message : String(error)));
    return new DiprError("API_UNAVAILABLE", `cannot reach the query API at ${baseUrl}: ${why}. Is \`dipr node\` running there?`, { url: baseUrl }, {
      cause: error,
      retryable: true,
    });
  }

  const applicationPath = (office: string, number: string) => `/applications/${encodeURIComponent(office)}/${encodeURIComponent(number)}`;
  const subjectPath = (subject: DocumentSubject) =>
    "commitment" in subject ? `/commitments/${encodeURIComponent(subject.commitment)}` : applicationPath(subject.office, subject.number);

  async function claimants(office: string, number: string, page: { limit?: number; cursor?: string } = {}): Promise<Claimants> {
    return request<Claimants>(`${applicationPath(office, number)}/claimants`, {
      query: { limit: page.limit === undefined ? undefined : String(page.limit), cursor: page.cursor },
    });
  }

  function commitments(filter: { office?: string; overdue?: boolean } = {}, page: { limit?: number; cursor?: string } = {}): Promise<CommitmentList> {
    return request<CommitmentList>("/commitments", {
      query: { office: filter.office, overdue: filter.overdue ? "true" : undefined, limit: page.limit === undefined ? undefined : String(page.limit), cursor: page.cursor },
    });
  }

  return {
    baseUrl,
    offices: async () => (await request<{ offices: Office[] }>("/offices")).offices,
    office: (code) => request<Office>(`/offices/${encodeURIComponent(code)}`),
    verify: (claim) => request<Verdict>("/priority-claims/verify", { query: { ...claim } }),
    async verifyBatch(claims) {
      const verdicts: (Verdict | ClaimError)[] = [];
      for (let start = 0; start < claims.length; start += VERIFY_BATCH_SIZE) {
        const part = claims.slice(start, start + VERIFY_BATCH_SIZE);
        const answer = await request<{ verdicts: (Verdict | ClaimError)[] }>("/priority-claims/verify", { method: "POST", body: { claims: part } });
        // The API names a bad claim by its place in the request; renumber it by its place in the whole list.
        verdicts.push(
          ...answer.verdicts.map((entry) =>
            isClaimError(entry) && start > 0
              ? { ...entry, errors: entry.errors.map((e) => ({ ...e, target: e.target.replace(/^claims\.(\d+)/, (_, i: string) => `claims.${start + Number(i)}`) })) }
              : entry,
          ),
        );
      }
      return verdicts;
    },
    application: (office, number) => request<Application>(applicationPath(office, number)),
    history: async (office, number) => (await request<{ history: HistoryEntry[] }>(`${applicationPath(office, number)}/history`)).history,
    family: (office, number, kind = "extended") => request<Family>(`${applicationPath(office, number)}/family`, { query: { kind } }),
    claimants,
    async allClaimants(office, number) {
      let page = await claimants(office, number, { limit: CLAIMANTS_PAGE });
      const all = [...page.claimants];
      while (page.links.next !== undefined) {
        const cursor = new URL(page.links.next, baseUrl).searchParams.get("cursor") ?? undefined;
        if (cursor === undefined) break;
        page = await claimants(office, number, { limit: CLAIMANTS_PAGE, cursor });
        all.push(...page.claimants);
      }
      return { claimedCanonicalId: page.claimedCanonicalId, claimants: all, links: {} };
    },
    commitment: (commitment) => request<BlindedApplicationAnswer>(`/commitments/${encodeURIComponent(commitment)}`),
    commitmentFamily: (commitment, kind = "extended") => request<Family>(`/commitments/${encodeURIComponent(commitment)}/family`, { query: { kind } }),
    commitments,
    async allCommitments(filter = {}) {
      let page = await commitments(filter, { limit: LIST_PAGE });
      const all = [...page.commitments];
      while (page.links.next !== undefined) {
        const cursor = new URL(page.links.next, baseUrl).searchParams.get("cursor") ?? undefined;
        if (cursor === undefined) break;
        page = await commitments(filter, { limit: LIST_PAGE, cursor });
        all.push(...page.commitments);
      }
      return { commitments: all, ...(page.asOf === undefined ? {} : { asOf: page.asOf }), links: {} };
    },
    async commitmentClaimants(commitment) {
      const path = `/commitments/${encodeURIComponent(commitment)}/claimants`;
      let page = await request<CommitmentClaimants>(path, { query: { limit: String(CLAIMANTS_PAGE) } });
      const all = [...page.claimants];
      while (page.links.next !== undefined) {
        const cursor = new URL(page.links.next, baseUrl).searchParams.get("cursor") ?? undefined;
        if (cursor === undefined) break;
        page = await request<CommitmentClaimants>(path, { query: { limit: String(CLAIMANTS_PAGE), cursor } });
        all.push(...page.claimants);
      }
      return { commitment: page.commitment, claimants: all, links: {} };
    },
    verifyBlinded: (claim) => request<BlindedVerdict>("/priority-claims/verify-blinded", { method: "POST", body: claim }),
    documents: (subject) => request<DocumentList>(`${subjectPath(subject)}/documents`),
    internationalReferences: (subject) => request<InternationalReferenceList>(`${subjectPath(subject)}/international-references`),
  };
}
