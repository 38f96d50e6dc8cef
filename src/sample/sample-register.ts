import type { ApplicationSpec, LinkKind } from "../chain/encode.js";
import { applicationIdOf } from "../chain/register-contract.js";
import { parseApplicationNumber, type IpType } from "../domain/index.js";

/**
 * The sample register that `npm start` writes on a new local chain: six offices and applications typed as each
 * office prints its numbers (check characters valid), chosen so that every verdict outcome and every kind of family
 * link appears. Fixed data, no clock: a second start finds exactly the same register.
 */
export const SAMPLE_OFFICES = ["US", "EP", "JP", "CN", "KR", "DE"] as const;
export type SampleOffice = (typeof SAMPLE_OFFICES)[number];

export type SampleClaim = Readonly<{ office: string; typed: string; filingDate: string }>;

export type SampleFiling = Readonly<{
  office: SampleOffice;
  typed: string;
  filingDate: string;
  ipType: IpType;
  /** What the filing shows in the sample, for the README and the start banner. */
  note?: string;
  claims?: readonly SampleClaim[];
  parent?: Readonly<{ typed: string; kind: Exclude<LinkKind, "none"> }>;
}>;

const usProvisional = { office: "US", typed: "63/512,345", filingDate: "2024-03-01" } as const;
const jpFirst = { office: "JP", typed: "特願2024-045678", filingDate: "2024-04-10" } as const;
const epFirst = { office: "EP", typed: "EP 24 150 321.8", filingDate: "2024-03-08" } as const;
const krFirst = { office: "KR", typed: "10-2024-0012345", filingDate: "2024-03-20" } as const;
const deFirst = { office: "DE", typed: "10 2024 112 233.1", filingDate: "2024-05-15" } as const;
const cnSecond = { office: "CN", typed: "202510567890.2", filingDate: "2025-04-08" } as const;
const jpMark = { office: "JP", typed: "商願2025-012345", filingDate: "2025-01-15" } as const;
const usDesign = { office: "US", typed: "29/912,345", filingDate: "2025-03-03" } as const;
const epParent = { office: "EP", typed: "EP 25 150 123.5", filingDate: "2025-02-27" } as const;

/** In registration order: a claimed application is registered before its claimants. */
export const SAMPLE_FILINGS: readonly SampleFiling[] = [
  { ...usProvisional, ipType: "patent", note: "US provisional: the priority of a family in five offices" },
  { ...jpFirst, ipType: "patent", note: "JP first filing: the start of a chain of priorities JP → CN → DE" },
  { ...epFirst, ipType: "patent" },
  { ...krFirst, ipType: "patent" },
  { ...deFirst, ipType: "patent" },
  { ...jpMark, ipType: "trademark" },
  { ...usDesign, ipType: "industrialDesign" },
  { office: "US", typed: "18/234,567", filingDate: "2025-02-28", ipType: "patent", claims: [usProvisional], note: "claims its own provisional" },
  { ...epParent, ipType: "patent", claims: [usProvisional] },
  { office: "JP", typed: "特願2025-023456", filingDate: "2025-02-26", ipType: "patent", claims: [usProvisional] },
  { office: "CN", typed: "202510234567.3", filingDate: "2025-02-20", ipType: "patent", claims: [usProvisional, jpFirst], note: "two priorities" },
  { office: "KR", typed: "10-2025-0034567", filingDate: "2025-02-28", ipType: "patent", claims: [usProvisional], note: "filing date corrected afterwards" },
  {
    office: "EP",
    typed: "EP 25 190 456.1",
    filingDate: "2025-09-10",
    ipType: "patent",
    parent: { typed: epParent.typed, kind: "divisional" },
    note: "a divisional of EP 25 150 123.5",
  },
  { ...cnSecond, ipType: "patent", claims: [jpFirst] },
  { office: "DE", typed: "10 2025 100 234.7", filingDate: "2025-06-02", ipType: "patent", claims: [cnSecond], note: "second link of the chain JP → CN → DE" },
  { office: "KR", typed: "10-2025-0045678", filingDate: "2025-04-09", ipType: "patent", claims: [jpFirst] },
  { office: "EP", typed: "EP 25 180 999.2", filingDate: "2025-07-15", ipType: "patent", claims: [krFirst], note: "late: 15 months after its priority" },
  { office: "CN", typed: "202510777777.7", filingDate: "2025-06-20", ipType: "patent", claims: [deFirst], note: "restorable: 13 months after its priority" },
  { office: "US", typed: "18/345,678", filingDate: "2025-04-02", ipType: "patent", claims: [jpFirst], note: "its claim is withdrawn afterwards" },
  {
    office: "KR",
    typed: "10-2025-0056789",
    filingDate: "2025-03-01",
    ipType: "patent",
    claims: [{ ...epFirst, filingDate: "2024-03-10" }],
    note: "mismatch: claims EP 24 150 321.8 of 2024-03-10, registered as filed 2024-03-08",
  },
  {
    office: "JP",
    typed: "特願2025-067890",
    filingDate: "2025-05-20",
    ipType: "patent",
    claims: [{ office: "US", typed: "63/600,001", filingDate: "2024-06-01" }],
    note: "notRegistered: claims a US number that is not on the register",
  },
  {
    office: "EP",
    typed: "EP 25 160 777.6",
    filingDate: "2025-04-30",
    ipType: "patent",
    claims: [{ office: "AU", typed: "2024901234", filingDate: "2024-05-02" }],
    note: "unknownOffice: claims an application of AU, which is not on the register",
  },
  { office: "KR", typed: "40-2025-0012345", filingDate: "2025-06-10", ipType: "trademark", claims: [jpMark], note: "a trade mark claiming a JP trade mark" },
  { office: "KR", typed: "30-2025-0023456", filingDate: "2025-08-20", ipType: "industrialDesign", claims: [usDesign], note: "a design claiming a US design" },
];

/** Claims withdrawn after registration: (claimant, sequence number). */
export const SAMPLE_WITHDRAWALS: readonly Readonly<{ office: SampleOffice; typed: string; sequence: number }>[] = [
  { office: "US", typed: "18/345,678", sequence: 1 },
];

/** Filing dates corrected after registration. */
export const SAMPLE_CORRECTIONS: readonly Readonly<{ office: SampleOffice; typed: string; filingDate: string }>[] = [
  { office: "KR", typed: "10-2025-0034567", filingDate: "2025-02-27" },
];

/** The canonical number of a typed one (the IP type and date resolve what the number alone does not say). */
export function canonicalNumber(office: string, typed: string, ipType?: IpType, filingDate?: string): string {
  return parseApplicationNumber(office, typed, { ...(ipType && { ipType }), ...(filingDate && { filingDate }) }).applicationNumberText;
}

/** The type of a claimed filing: the claimant's own (a priority claim names an application of the same kind of right). */
function claimSpec(claim: SampleClaim, ipType: IpType) {
  return { office: claim.office, number: canonicalNumber(claim.office, claim.typed, ipType, claim.filingDate), filingDate: claim.filingDate };
}

/** A filing as the register client takes it. */
export function sampleSpec(filing: SampleFiling): ApplicationSpec {
  const parent = filing.parent && {
    id: applicationIdOf(filing.office, canonicalNumber(filing.office, filing.parent.typed, filing.ipType)),
    kind: filing.parent.kind,
  };
  return {
    number: canonicalNumber(filing.office, filing.typed, filing.ipType, filing.filingDate),
    filingDate: filing.filingDate,
    ipType: filing.ipType,
    ...(parent && { parent }),
    ...(filing.claims && { claims: filing.claims.map((claim) => claimSpec(claim, filing.ipType)) }),
  };
}
