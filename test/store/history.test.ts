import { describe, expect, test } from "vitest";
import { historyOf, type ApplicationRecord, type ClaimRecord, type Hex } from "../../src/store/index.js";

const h = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
const at = (blockNumber: number, logIndex: number, blockTime?: string) => ({ blockNumber, transactionHash: h(blockNumber), logIndex, ...(blockTime ? { blockTime } : {}) });
const claim = (sequence: number, blockNumber: number, logIndex: number, status: ClaimRecord["status"] = "active"): ClaimRecord => ({
  sequence,
  claimedId: h(500 + sequence),
  claimedOffice: "US",
  claimedNumber: `6310000${sequence}`,
  claimedCanonicalId: `US:6310000${sequence}`,
  claimedFilingDate: "2023-03-01",
  status,
  claimedAt: at(blockNumber, logIndex, `2024-01-0${blockNumber}T00:00:00.000Z`),
});

describe("an application's history", () => {
  test("merges its claims into the stored events in chain order, with the fields each claim carried", () => {
    const record: ApplicationRecord = {
      applicationId: h(1),
      office: "EP",
      number: "24150001.6",
      canonicalId: "EP:24150001.6",
      filingDate: "2024-01-09",
      ipType: "patent",
      claims: [claim(1, 2, 1), claim(2, 2, 2, "withdrawn"), claim(3, 4, 0)],
      history: [
        { ...at(2, 0), event: "ApplicationRegistered", fields: { number: "24150001.6", filingDate: "2024-01-08", ipType: "patent" } },
        { ...at(3, 5), event: "FilingDateCorrected", fields: { previousDate: "2024-01-08", filingDate: "2024-01-09" } },
        { ...at(5, 1), event: "PriorityClaimWithdrawn", fields: { sequence: 2 } },
      ],
    };
    const history = historyOf(record);
    expect(history.map((e) => [e.event, e.blockNumber, e.logIndex])).toEqual([
      ["ApplicationRegistered", 2, 0],
      ["PriorityClaimed", 2, 1],
      ["PriorityClaimed", 2, 2],
      ["FilingDateCorrected", 3, 5],
      ["PriorityClaimed", 4, 0],
      ["PriorityClaimWithdrawn", 5, 1],
    ]);
    expect(history[2]).toEqual({
      blockNumber: 2,
      transactionHash: h(2),
      logIndex: 2,
      blockTime: "2024-01-02T00:00:00.000Z",
      event: "PriorityClaimed",
      fields: { sequence: 2, claimedId: h(502), claimedCanonicalId: "US:63100002", claimedFilingDate: "2023-03-01" },
    });
  });
});
