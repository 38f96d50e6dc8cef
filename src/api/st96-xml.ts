import { create } from "xmlbuilder2";
import type { ApplicationRecord } from "../store/index.js";

/**
 * ST.96 namespaces of the version the exporter follows (ST.96 V2_1 documents them with https). Element names per
 * docs/domain.md §5: pat:PriorityClaim, com:IPOfficeCode, com:ApplicationNumber/com:ApplicationNumberText,
 * pat:FilingDate, pat:ApplicationFilingCategory.
 */
export const ST96_NAMESPACES = {
  pat: "http://www.wipo.int/standards/XMLSchema/ST96/Patent",
  com: "http://www.wipo.int/standards/XMLSchema/ST96/Common",
} as const;

/**
 * dipr's own namespace for what ST.96 has no verified element for: whether a priority claim is active or was
 * withdrawn on the register (the JSON's `status`). ST.96's own marker, if it has one, is unverified (domain.md §5).
 */
export const DIPR_XML_NAMESPACE = "https://dipr.invalid/xml/register";

const REGIONAL = new Set(["EP", "EA", "AP", "OA", "GC", "EM"]);

/** ST.36 `@kind` of a filing at `office`: national, regional, or international (WO). */
export const filingCategory = (office: string): "national" | "regional" | "international" =>
  office === "WO" || office === "IB" ? "international" : REGIONAL.has(office) ? "regional" : "national";

/**
 * An application's bibliographic core and all its priority claims as ST.96-shaped XML, each claim with
 * `dipr:priorityClaimStatus` (active or withdrawn) so the XML says what the JSON says.
 */
export function applicationToSt96Xml(application: ApplicationRecord): string {
  const { pat, com } = ST96_NAMESPACES;
  const root = create({ version: "1.0", encoding: "UTF-8" })
    .ele(pat, "pat:BibliographicData")
    .att("xmlns:com", com)
    .att("xmlns:dipr", DIPR_XML_NAMESPACE);
  const identification = root.ele(pat, "pat:ApplicationIdentification");
  identification.ele(com, "com:IPOfficeCode").txt(application.office);
  identification.ele(com, "com:ApplicationNumber").ele(com, "com:ApplicationNumberText").txt(application.number);
  identification.ele(pat, "pat:FilingDate").txt(application.filingDate);
  if (application.claims.length > 0) {
    const bag = root.ele(pat, "pat:PriorityClaimBag");
    for (const claim of application.claims) {
      const element = bag
        .ele(pat, "pat:PriorityClaim")
        .att(com, "com:sequenceNumber", String(claim.sequence))
        .att(DIPR_XML_NAMESPACE, "dipr:priorityClaimStatus", claim.status);
      element.ele(com, "com:IPOfficeCode").txt(claim.claimedOffice);
      element.ele(com, "com:ApplicationNumber").ele(com, "com:ApplicationNumberText").txt(claim.claimedNumber);
      element.ele(pat, "pat:FilingDate").txt(claim.claimedFilingDate);
      element.ele(pat, "pat:ApplicationFilingCategory").txt(filingCategory(claim.claimedOffice));
    }
  }
  return root.end({ prettyPrint: true });
}
