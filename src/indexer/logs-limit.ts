/**
 * Recognises the ways real JSON-RPC providers refuse an `eth_getLogs` range or result size. There is no standard
 * code (-32005, -32602, -32600, -32614 and -32000 are all used for it), so the message text is the only signal;
 * this is the one place that reads it. Texts, as providers send them:
 *
 * - Infura: `query returned more than 10000 results. Try with this block range [0xBDE5F8, 0x102DBCC].` (-32005,
 *   ethers-io/ethers.js#4703) and `range 1000000 exceeds limit of 10000` (-32602, INFURA/infura#237).
 * - Alchemy: `Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range and no
 *   limit on the response size, or you can request any block range with a cap of 10K logs in the response. Based
 *   on your parameters and the response size limit, this block range should work: [0x0, 0xd043b8]` (-32602,
 *   ethereum/go-ethereum#25343) and `You can make eth_getLogs requests with up to a 500 block range. Based on your
 *   parameters, this block range should work: [0x123c9b2, 0x123cba5]` (-32600, BobTheBuidler/dank_mids#772).
 * - QuickNode: `eth_getLogs and eth_newFilter are limited to a 10,000 blocks range` (-32602) and
 *   `eth_getLogs is limited to a 10,000 range` (-32614).
 * - Besu: `Requested range exceeds maximum range limit` (-32005, EthGetLogs.java, `--rpc-max-logs-range`).
 * - geth (`--rpc.rangelimit`, e.g. publicnode): `exceed maximum block range: 50000` (-32000); reth:
 *   `query exceeds max block range 100000`, `query exceeds max results 20000` (-32602).
 */
const PATTERNS: readonly RegExp[] = [
  /returned more than [\d,]+ results/i,
  /log response size exceeded/i,
  /requests with up to a [\d,kK]+ block range/i,
  /range \d+ exceeds limit of \d+/i,
  /limited to a [\d,]+ (blocks )?range/i,
  /requested range exceeds maximum/i,
  /exceeds? maximum block range/i,
  /exceeds max (block range|results)/i,
  /block range (is )?too (large|wide)/i,
  /too many (results|logs)/i,
  /response (size|is too big)/i,
];

export type LogsLimit = Readonly<{
  /** The end block the provider says would work from the same start, when it says so. */
  suggestedTo?: number;
}>;

/** A limit refusal (with the provider's suggested range end, if any), or undefined for any other error. */
export function classifyLogsLimit(message: string, fromBlock: number): LogsLimit | undefined {
  if (!PATTERNS.some((pattern) => pattern.test(message))) return undefined;
  const range = /\[\s*(0x[0-9a-fA-F]+)\s*,\s*(0x[0-9a-fA-F]+)\s*\]/.exec(message);
  if (range) {
    const from = Number.parseInt(range[1]!, 16);
    const to = Number.parseInt(range[2]!, 16);
    // Only a suggestion that starts where we asked and ends after it is usable as the next range end.
    if (from === fromBlock && to >= from) return { suggestedTo: to };
  }
  return {};
}
