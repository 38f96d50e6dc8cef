// The API benchmark's server process (started by bench/api.ts): fills a LevelDB store with DIPR_BENCH_APPS
// synthetic applications through the indexer's own write path (applyEvent into store batches), then serves the
// API and a trivial express route on 127.0.0.1 and reports its port and sample requests on stdout.
//
// dipr's code comes from dist/, the compiled JavaScript the node runs (bench/api.ts builds it first), not from
// src/: only this script goes through tsx, which leaves the .js files it imports as they are. The imports are
// typed by their sources.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { PerformanceObserver, constants as perf } from "node:perf_hooks";
import express from "express";
import type { Hex } from "../src/chain/register-contract.js";
import type { RegisterEvent } from "../src/indexer/index.js";

/** A module of dist/ (a path under it), typed by its source in src/. */
const compiled = <Module>(path: string) => import(new URL(`../dist/${path}`, import.meta.url).href) as Promise<Module>;
const { createApp } = await compiled<typeof import("../src/api/app.js")>("api/app.js");
const { applicationIdOf } = await compiled<typeof import("../src/chain/register-contract.js")>("chain/register-contract.js");
const { epochDayToIso, epCheckDigit, isoToEpochDay } = await compiled<typeof import("../src/domain/index.js")>("domain/index.js");
const { applyEvent } = await compiled<typeof import("../src/indexer/apply-event.js")>("indexer/apply-event.js");
const { GENESIS_DIGEST } = await compiled<typeof import("../src/indexer/index.js")>("indexer/index.js");
const { createHeapGrowth } = await compiled<typeof import("../src/cli/heap-growth.js")>("cli/heap-growth.js");
const { createLogger } = await compiled<typeof import("../src/log.js")>("log.js");
const { createStore } = await compiled<typeof import("../src/store/index.js")>("store/index.js");

const apps = Number(process.argv[2] ?? 100_000);
const FAMILY_SIZE = 50;
// One number claimed this many times (fewer in a register too small for it): its claimants a page at a time.
const HEAVY_CLAIMS = Math.min(10_000, apps - FAMILY_SIZE);
const HEAVY_NUMBER = "1020239999999"; // no other application claims it: their KR serials stay below 3,000,004
const EVENTS_PER_BATCH = 20_000;
const log = createLogger({ level: "silent" });
const dir = mkdtempSync(join(tmpdir(), "dipr-bench-api-"));
const store = await createStore({ path: dir });
const registerAddress = "0x00000000000000000000000000000000000d1b12" as Hex;
await store.initialise({ chainId: 31337, registerAddress, startBlock: 1 }, { number: 0, hash: null, digest: GENESIS_DIGEST });

// Deterministic synthetic register: EP numbers YY + serial with their Luhn digit, each claiming 1-3 earlier
// applications or numbers of a non-participating office; the first FAMILY_SIZE form one family.
const hash = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
// EP serials have 6 digits: a register of 1,000,000 fills year 24, so missing numbers are taken from year 25.
const epNumber = (i: number, year = "24") => {
  const digits = `${year}${String(i).padStart(6, "0")}`;
  return `${digits}.${epCheckDigit(digits)}`;
};
const FILED = isoToEpochDay("2024-06-03");
const PRIORITY = isoToEpochDay("2023-09-01");
let random = 42;
const next = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

const started = Date.now();
let block = 1;
let logIndex = 0;
let batch = store.beginBatch({ undoFrom: Number.MAX_SAFE_INTEGER });
const position = () => ({ blockNumber: block, blockHash: hash(block), transactionHash: hash(block * 1000 + logIndex), logIndex: logIndex++ });
async function apply(event: RegisterEvent) {
  batch.atBlock(block);
  applyEvent(batch, event, log);
  if (batch.size() >= EVENTS_PER_BATCH) await commit();
}
async function commit() {
  await batch.commit({ keep: [], cursor: { number: block, hash: hash(block), digest: GENESIS_DIGEST }, pruneBelow: 0 });
  block += 1;
  logIndex = 0;
  batch = store.beginBatch({ undoFrom: Number.MAX_SAFE_INTEGER });
}

for (let i = 0; i < apps; i++) {
  const number = epNumber(i);
  const applicationId = applicationIdOf("EP", number);
  await apply({ type: "ApplicationRegistered", office: "EP", applicationId, number, filingDate: FILED, ipType: 0, ...position() });
  const claims = i < FAMILY_SIZE ? 1 : 1 + Math.floor(next() * 3);
  for (let s = 1; s <= claims; s++) {
    // Family members claim the one before them; the next HEAVY_CLAIMS applications all claim one KR number first;
    // others claim a KR number of their own (not on the register).
    const claimedOffice = i < FAMILY_SIZE && i > 0 ? "EP" : "KR";
    const heavy = i >= FAMILY_SIZE && i < FAMILY_SIZE + HEAVY_CLAIMS && s === 1;
    const claimedNumber = claimedOffice === "EP" ? epNumber(i - 1) : heavy ? HEAVY_NUMBER : `102023${String(i * 3 + s).padStart(7, "0")}`;
    await apply({
      type: "PriorityClaimed",
      office: "EP",
      applicationId,
      claimedId: applicationIdOf(claimedOffice, claimedNumber),
      sequence: s,
      claimedOffice,
      claimedFilingDate: claimedOffice === "EP" ? FILED : PRIORITY,
      claimedNumber,
      ...position(),
    });
    if (i < FAMILY_SIZE) break;
  }
}
await commit();
const loadMs = Date.now() - started;
// A node serves its API, as measured here, once it has caught up: with the heap growth it sets then.
const heapGrowth = createHeapGrowth(Number(process.env.DIPR_NODE_HEAP_GROWTH_PERCENT ?? 100));
heapGrowth.following(true);
let majorGcs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (((entry as { detail?: { kind?: number } }).detail)?.kind === perf.NODE_PERFORMANCE_GC_MAJOR) majorGcs++;
}).observe({ entryTypes: ["gc"] });

const status = { chainId: 31337, registerAddress, indexedBlock: block, headBlock: block, digest: GENESIS_DIGEST };
const app = createApp({ store, nodeStatus: async () => status, log, options: { rateLimitPerWindow: 1e9 } });
// The baseline: a bare express app with one trivial route, in the same process, on its own port.
const baseline = express();
baseline.get("/baseline", (_req, res) => {
  res.json({ ok: true });
});
// The benchmarks read the count of major collections around each measure.
baseline.get("/gc", (_req, res) => {
  res.json({ major: majorGcs });
});
const baselineServer = baseline.listen(0, "127.0.0.1");
await new Promise((resolve) => baselineServer.once("listening", resolve));
const server = app.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  const baselinePort = (baselineServer.address() as AddressInfo).port;
  const verify = (office: string, number: string, filingDate: string) =>
    `/api/v1/priority-claims/verify?${new URLSearchParams({ office, number, filingDate, ipType: "patent", claimantOffice: "US", claimantFilingDate: "2024-08-01", claimantIpType: "patent" })}`;
  const samples: string[] = [];
  for (let k = 0; k < 2000; k++) {
    const i = Math.floor(next() * apps);
    // Half existing claims, half numbers that are valid but not on the register.
    samples.push(k % 2 === 0 ? verify("EP", epNumber(i), epochDayToIso(FILED)) : verify("EP", epNumber(i, "25"), epochDayToIso(FILED)));
  }
  const family = `/api/v1/applications/EP/${epNumber(FAMILY_SIZE - 1)}/family?kind=extended`;
  // Family members claim the one before them: each of the first FAMILY_SIZE - 1 has exactly one claimant.
  const claimants = Array.from({ length: FAMILY_SIZE - 1 }, (_, i) => `/api/v1/applications/EP/${epNumber(i)}/claimants`);
  // Every page of the heavily claimed number (the default page size), found by following links.next; and a page of
  // one claimant from each of those cursors, the size of a page of a number claimed once.
  void (async () => {
    const heavyPages: string[] = [];
    for (let path: string | undefined = `/api/v1/applications/KR/${HEAVY_NUMBER}/claimants`; path !== undefined; ) {
      heavyPages.push(path);
      const page = (await (await fetch(`http://127.0.0.1:${port}${path}`)).json()) as { links: { next?: string } };
      path = page.links.next;
    }
    const heavyClaimants = heavyPages.map((path) => (path.includes("?") ? path.replace(/limit=\d+/, "limit=1") : `${path}?limit=1`));
    process.stdout.write(`${JSON.stringify({ port, baselinePort, loadMs, samples, family, familySize: FAMILY_SIZE, claimants, heavyClaimants, heavyPages, heavyClaims: HEAVY_CLAIMS, heapGrowthPercent: heapGrowth.percentWhileFollowing })}\n`);
  })();
});
const stop = async () => {
  server.close();
  baselineServer.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
