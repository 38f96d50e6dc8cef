import { describe, expect, test } from "vitest";
import type { RawLog } from "../../src/indexer/decode-log.js";
import { digestBlock, GENESIS_DIGEST } from "../../src/indexer/digest.js";

const log = (logIndex: string, transactionHash: string, topics: string[], data: string): RawLog => ({
  address: "0x1",
  topics,
  data,
  blockNumber: "0x5",
  blockHash: "0xB1",
  transactionHash,
  transactionIndex: "0x0",
  logIndex,
});

// Upper case where an endpoint might send it, several topics, none, and empty data.
const logs = [log("0x1f", "0xAA", ["0xAbCd", "0x00ff"], "0xDEADbeef"), log("0x20", "0xbb", ["0xabcd"], "0x"), log("0x21", "0xcc", [], "0x12")];

describe("the running digest", () => {
  // Two nodes must agree on digests whichever dipr version computed them: any other way of hashing the block's text
  // (one update per block, raw bytes) must give these values, computed by the digest of store schema 10.
  test("matches the fixed vectors", () => {
    expect(digestBlock(GENESIS_DIGEST, 5, "0xB1", logs)).toBe("0x179020e9c2fcf72c4e733165998dde22434bd154baf61c6e642ad65768d818b5");
    expect(digestBlock(GENESIS_DIGEST, 7, "0xb1", [])).toBe("0xf59f9542d1084589c9d20812615d0ed8db2e66cff114904da3855b82aee79e20");
  });

  test("reads hex in either case", () => {
    const lower = logs.map((l) => ({ ...l, transactionHash: l.transactionHash.toLowerCase(), topics: l.topics.map((t) => t.toLowerCase()), data: l.data.toLowerCase() }));
    expect(digestBlock(GENESIS_DIGEST, 5, "0xb1", lower)).toBe(digestBlock(GENESIS_DIGEST, 5, "0xB1", logs));
  });

  test("chains on the previous digest and names the block", () => {
    const first = digestBlock(GENESIS_DIGEST, 5, "0xb1", logs);
    expect(digestBlock(first, 5, "0xb1", logs)).not.toBe(first);
    expect(digestBlock(GENESIS_DIGEST, 6, "0xb1", logs)).not.toBe(first);
    expect(digestBlock(GENESIS_DIGEST, 5, "0xb2", logs)).not.toBe(first);
  });
});
