import type { Contract, EventLog } from "ethers";
import type { ClaimInput } from "./encode.js";
import type { Hex } from "./register-contract.js";

/**
 * Every claim recorded for `applicationId`, in sequence order, read from its `PriorityClaimed` events
 * (one `eth_getLogs` filtered by the application id topic). The register needs this list to add a claim or
 * correct a filing date, because it keeps only a digest of the claims in storage.
 */
export async function readRecordedClaims(register: Contract, applicationId: Hex, fromBlock = 0): Promise<ClaimInput[]> {
  const filter = register.filters.PriorityClaimed!(null, applicationId);
  const logs = (await register.queryFilter(filter, fromBlock)) as EventLog[];
  return logs
    .map((log) => ({
      sequence: Number(log.args.getValue("sequence")),
      claim: {
        office: log.args.getValue("claimedOffice") as Hex,
        filingDate: Number(log.args.getValue("claimedFilingDate")),
        number: log.args.getValue("claimedNumber") as Hex,
      },
    }))
    .sort((a, b) => a.sequence - b.sequence)
    .map(({ claim }) => claim);
}
