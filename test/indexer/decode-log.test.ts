import { describe, expect, test } from "vitest";
import { applicationIdOf, encodeNumber, officeToBytes2, registerInterface } from "../../src/chain/register-contract.js";
import { isDiprError } from "../../src/errors.js";
import { createLogDecoder, type RawLog } from "../../src/indexer/decode-log.js";

const iface = registerInterface();
const decoder = createLogDecoder(iface);
const role = `0x${"ab".repeat(32)}`;
const account = "0x00000000000000000000000000000000000000aa";

function raw(name: string, args: unknown[]): RawLog {
  const event = iface.getEvent(name)!;
  const { topics, data } = iface.encodeEventLog(event, args);
  return {
    address: "0x0",
    topics,
    data,
    blockNumber: "0x2a",
    blockHash: `0x${"B".repeat(64)}`,
    transactionHash: `0x${"C".repeat(64)}`,
    transactionIndex: "0x0",
    logIndex: "0x3",
  };
}

const id = applicationIdOf("EP", "24150001.6");
const claimed = applicationIdOf("US", "63100001");
const commitment = `0x${"c1".repeat(32)}`;
const otherCommitment = `0x${"d2".repeat(32)}`;

describe("decoding register logs by hand", () => {
  test.each([
    ["ApplicationRegistered", [officeToBytes2("EP"), id, encodeNumber("24150001.6"), 19730, 2], { office: "EP", applicationId: id, number: "24150001.6", filingDate: 19730, ipType: 2 }],
    ["ApplicationLinked", [officeToBytes2("EP"), id, claimed, 3], { office: "EP", applicationId: id, parentId: claimed, linkKind: 3 }],
    [
      "PriorityClaimed",
      [officeToBytes2("EP"), id, claimed, 2, officeToBytes2("US"), 19367, encodeNumber("63100001")],
      { office: "EP", applicationId: id, claimedId: claimed, sequence: 2, claimedOffice: "US", claimedFilingDate: 19367, claimedNumber: "63100001" },
    ],
    ["PriorityClaimWithdrawn", [officeToBytes2("EP"), id, 7], { office: "EP", applicationId: id, sequence: 7 }],
    ["FilingDateCorrected", [officeToBytes2("EP"), id, 1, 4_000_000_000], { previousDate: 1, filingDate: 4_000_000_000 }],
    ["IpTypeCorrected", [officeToBytes2("EP"), id, 0, 3], { previousType: 0, ipType: 3 }],
    ["ApplicationCommitted", [officeToBytes2("US"), commitment], { office: "US", commitment }],
    ["CommitmentClaimed", [officeToBytes2("EP"), id, commitment], { office: "EP", claimant: id, claimedCommitment: commitment }],
    ["CommitmentClaimed", [officeToBytes2("JP"), otherCommitment, commitment], { office: "JP", claimant: otherCommitment, claimedCommitment: commitment }],
    ["CommitmentRevealed", [officeToBytes2("US"), commitment, claimed], { office: "US", commitment, applicationId: claimed }],
    ["OfficeSuspended", [officeToBytes2("JP")], { office: "JP" }],
    ["OfficeReinstated", [officeToBytes2("JP")], { office: "JP" }],
    ["RoleGranted", [role, account, account], { role, account, sender: account }],
    ["RoleRevoked", [role, account, account], { role, account, sender: account }],
    ["RoleAdminChanged", [role, `0x${"00".repeat(32)}`, role], { role, previousAdminRole: `0x${"00".repeat(32)}`, newAdminRole: role }],
    ["OfficeAdmitted", [officeToBytes2("EP"), "European Patent Office", account, role, role], { office: "EP", name: "European Patent Office", admin: account, adminRole: role, signerRole: role }],
    [
      "DocumentRecorded",
      [officeToBytes2("EP"), id, otherCommitment, 3, 19860, commitment, "application/pdf", "https://node.ep.example/api/v1/documents/x"],
      { office: "EP", applicationId: id, documentId: otherCommitment, kind: 3, date: 19860, sha256: commitment, mediaType: "application/pdf", url: "https://node.ep.example/api/v1/documents/x" },
    ],
    ["InternationalReferenceRecorded", [officeToBytes2("JP"), commitment, 4, "EP:23123456.8"], { office: "JP", applicationId: commitment, kind: 4, text: "EP:23123456.8" }],
  ] as const)("%s decodes to the same fields as the ABI", (name, args, expected) => {
    const event = decoder.decode(raw(name, [...args]));
    expect(event).toMatchObject({ type: name, blockNumber: 42, logIndex: 3, blockHash: `0x${"b".repeat(64)}`, ...expected });
  });

  test("the events of unpublished applications carry no data: a data word or a missing topic is INDEXER_BAD_LOG", () => {
    const good = raw("CommitmentClaimed", [officeToBytes2("EP"), id, commitment]);
    for (const bad of [{ ...good, data: `0x${"0".repeat(64)}` }, { ...good, topics: good.topics.slice(0, 3) }]) {
      expect(() => decoder.decode(bad)).toThrow(expect.objectContaining({ code: "INDEXER_BAD_LOG" }));
    }
    expect(decoder.topic0s).toContain(iface.getEvent("ApplicationCommitted")!.topicHash);
  });

  test("a document event whose strings do not decode is INDEXER_BAD_LOG", () => {
    const good = raw("DocumentRecorded", [officeToBytes2("EP"), id, otherCommitment, 1, 19860, commitment, "application/pdf", "https://x.example/d"]);
    let caught: unknown;
    try {
      decoder.decode({ ...good, data: good.data.slice(0, 2 + 64 * 4) });
    } catch (error) {
      caught = error;
    }
    expect(isDiprError(caught, "INDEXER_BAD_LOG")).toBe(true);
  });

  test("a known event with the wrong data size is INDEXER_BAD_LOG, an unknown topic is kept as Unknown", () => {
    const good = raw("PriorityClaimWithdrawn", [officeToBytes2("EP"), id, 1]);
    let error: unknown;
    try {
      decoder.decode({ ...good, data: `${good.data}00` });
    } catch (e) {
      error = e;
    }
    expect(isDiprError(error, "INDEXER_BAD_LOG")).toBe(true);
    expect(decoder.decode({ ...good, topics: [`0x${"1".repeat(64)}`] })).toMatchObject({ type: "Unknown" });
  });
});
