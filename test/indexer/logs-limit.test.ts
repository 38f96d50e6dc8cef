import { describe, expect, test } from "vitest";
import { classifyLogsLimit } from "../../src/indexer/logs-limit.js";

describe("recognising providers' eth_getLogs refusals", () => {
  test.each([
    ["infura results", "query returned more than 10000 results. Try with this block range [0xBDE5F8, 0x102DBCC].", 0xbde5f8, 0x102dbcc],
    ["infura range", "range 1000000 exceeds limit of 10000", 5, undefined],
    [
      "alchemy size",
      "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range and no limit on the response size, or you can request any block range with a cap of 10K logs in the response. Based on your parameters and the response size limit, this block range should work: [0x0, 0xd043b8]",
      0,
      0xd043b8,
    ],
    ["alchemy range", "You can make eth_getLogs requests with up to a 500 block range. Based on your parameters, this block range should work: [0x123c9b2, 0x123cba5]", 0x123c9b2, 0x123cba5],
    ["quicknode", "eth_getLogs and eth_newFilter are limited to a 10,000 blocks range", 1, undefined],
    ["quicknode short", "eth_getLogs is limited to a 10,000 range", 1, undefined],
    ["besu", "Requested range exceeds maximum range limit", 1, undefined],
    ["geth", "exceed maximum block range: 50000", 1, undefined],
    ["reth", "query exceeds max results 20000, retry with the range 1-2", 1, undefined],
  ])("%s", (_, message, from, suggestedTo) => {
    expect(classifyLogsLimit(message, from)).toEqual(suggestedTo === undefined ? {} : { suggestedTo });
  });

  test("a suggestion for another start block is ignored", () => {
    expect(classifyLogsLimit("query returned more than 10000 results. Try with this block range [0x10, 0x20].", 5)).toEqual({});
  });

  test.each(["execution reverted", "header not found", "invalid api key", "rate limit"])("%s is not a limit refusal", (message) => {
    expect(classifyLogsLimit(message, 0)).toBeUndefined();
  });
});
