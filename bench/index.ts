// npm run bench:index: how fast a fresh node catches up over a pre-mined register, against the I/O limit of the
// same range (plain eth_getLogs, one LevelDB key per log), its peak RSS, and a 10-block reorg.
// Size: DIPR_BENCH_APPS (default 100,000 applications, 1-3 claims each); DIPR_BENCH_ROUNDS (default 3) node runs,
// each between two raw runs (1 at DIPR_BENCH_SCALE=small). Also: the pre-mining rate (the local chain as a ceiling)
// and the node's store size on disk. Writes index.json to the results directory (other sizes: index-<size>.json).
// DIPR_BENCH_CHAIN_FILE=<file>: keep the pre-mined chain for the next run (see keptChain below).
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ClassicLevel } from "classic-level";
import { Contract, JsonRpcProvider } from "ethers";
import type { Deployment } from "../src/chain/deployment.js";
import { createRegisterClient } from "../src/chain/register-client.js";
import { encodeApplication } from "../src/chain/encode.js";
import { loadRegisterArtifact, officeToBytes2, registerInterface } from "../src/chain/register-contract.js";
import { createRpcClient, type RawLog } from "../src/indexer/index.js";
import { freePort, HARDHAT_CLI, PROJECT_ROOT, rpc, startHardhatNode } from "../test/support/hardhat-node.js";
import { bulkApplications, createRng } from "../test/support/history.js";
import { openNode, tempDir } from "../test/support/indexer-harness.js";
import { startDipr } from "../test/support/node-process.js";
import { setUpRegisterChain } from "../test/support/register-chain.js";
import { benchScale, median, variantEnvs, withSteal, writeResults } from "./machine.js";

const APPS = Number(process.argv.find((a) => a.startsWith("--apps="))?.slice(7) ?? process.env.DIPR_BENCH_APPS ?? 100_000);
// A batch holds at most 500 claims (MAX_BATCH_CLAIMS) and these applications have 1-3 each, so 166 a batch.
const BATCH = 166;
const OFFICES = ["US", "EP", "JP"] as const;
const ROUNDS = Number(process.env.DIPR_BENCH_ROUNDS ?? (benchScale() === "full" ? 3 : 1));
// An A/B experiment over one pre-mined chain: every second node run (B) gets these variables as well (a JSON
// object), so the two variants alternate between the same raw runs. Results then go to the local directory only.
// A JSON array of objects gives variants B, C, … in turn (rounds A, B, C, A, B, C, …).
const VARIANT_ENVS = variantEnvs();
const VARIANT_B_ENV = VARIANT_ENVS?.[0];

/** Bytes of all files under a directory (the node's LevelDB store on disk). */
function dirBytes(path: string): number {
  return readdirSync(path, { withFileTypes: true }).reduce((sum, entry) => {
    const full = join(path, entry.name);
    return sum + (entry.isDirectory() ? dirBytes(full) : statSync(full).size);
  }, 0);
}

const say = (text: string) => process.stderr.write(`${text}\n`);
const perSecond = (events: number, ms: number) => Math.round(events / (ms / 1000));

/** Samples a process's resident memory from /proc every 100 ms; returns the peaks in MiB and the samples. */
function sampleMemory(pid: number) {
  const peaks = { anon: 0, file: 0 };
  const samples: { at: number; anon: number; file: number }[] = [];
  const kib = (status: string, field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  const timer = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const anon = kib(status, "RssAnon");
      const file = kib(status, "RssFile");
      peaks.anon = Math.max(peaks.anon, anon);
      peaks.file = Math.max(peaks.file, file);
      samples.push({ at: Date.now(), anon: Math.round(anon / 1024), file: Math.round(file / 1024) });
    } catch {
      // the process is gone
    }
  }, 100);
  return { stop: () => (clearInterval(timer), { anon: Math.round(peaks.anon / 1024), file: Math.round(peaks.file / 1024), samples }) };
}

/** CPU time (user + system, ms) a process or thread has used, from /proc/<pid>[/task/<tid>]/stat. */
function cpuMs(statPath: string): { name: string; ms: number } {
  const stat = readFileSync(statPath, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
  return { name: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), ms: (Number(fields[11]) + Number(fields[12])) * 10 };
}

/**
 * Where a node process's CPU went, by thread: its main thread; V8's platform workers (concurrent and parallel
 * GC), which keep the name "node"; libuv's pool, where LevelDB writes and where its compaction thread is started
 * (threads inherit their creator's name).
 */
function cpuByThread(pid: number): { mainMs: number; v8WorkersMs: number; libuvAndLevelDbMs: number; otherMs: number } {
  const out = { mainMs: 0, v8WorkersMs: 0, libuvAndLevelDbMs: 0, otherMs: 0 };
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const { name, ms } = cpuMs(`/proc/${pid}/task/${tid}/stat`);
    if (tid === String(pid)) out.mainMs += ms;
    else if (name === "node") out.v8WorkersMs += ms;
    else if (name === "libuv-worker") out.libuvAndLevelDbMs += ms;
    else out.otherMs += ms;
  }
  return out;
}

type Chain = Pick<Awaited<ReturnType<typeof setUpRegisterChain>>, "deployment" | "accounts" | "send" | "signer" | "close">;

/**
 * Pre-mining 1,000,000 applications takes 11-24 min on this 2-core machine, and Hardhat 3's node has no option or
 * RPC method to save its state and load it again, so with DIPR_BENCH_CHAIN_FILE the bench starts its hardhat node
 * detached, leaves it running after the run and writes its address, the deployment and an evm_snapshot taken right
 * after pre-mining to that file. The next run with the same file and size reverts to the snapshot (dropping the
 * blocks the reorg test added) and takes a new one; a run of another size stops that node and pre-mines anew. Stop
 * the node with `kill <pid>` (the pid is in the file).
 */
type KeptChain = { url: string; pid: number; apps: number; head: number; snapshot: string; preMineMs: number; deployment: Deployment };

async function keptChain(file: string): Promise<KeptChain | undefined> {
  if (!existsSync(file)) return undefined;
  const kept = JSON.parse(readFileSync(file, "utf8")) as KeptChain;
  if (kept.apps !== APPS) {
    // The file is about to describe a new chain: the node that kept the old one would be left running unnamed.
    try {
      // Only the hardhat node the file names: a pid from an old file may belong to another process by now.
      const cmdline = readFileSync(`/proc/${kept.pid}/cmdline`, "utf8");
      if (cmdline.includes("hardhat") && cmdline.includes(new URL(kept.url).port)) {
        process.kill(kept.pid);
        say(`stopped hardhat node ${kept.pid}, which kept ${kept.apps} applications for ${file}`);
      }
    } catch {
      // gone already
    }
    return undefined;
  }
  try {
    if ((await rpc(kept.url, "evm_revert", [kept.snapshot])) !== true) return undefined;
  } catch {
    return undefined; // the node is gone
  }
  kept.snapshot = (await rpc(kept.url, "evm_snapshot")) as string;
  writeFileSync(file, JSON.stringify(kept, null, 2));
  return kept;
}

/** A hardhat node that outlives this process (no pipes to it, its own process group). */
async function startDetachedHardhatNode(): Promise<{ url: string; pid: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, [HARDHAT_CLI, "node", "--hostname", "127.0.0.1", "--port", String(port)], { cwd: PROJECT_ROOT, detached: true, stdio: "ignore" });
  child.unref();
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    try {
      await rpc(url, "eth_chainId");
      return { url, pid: child.pid! };
    } catch (error) {
      if (tries > 300) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Clients for a register already deployed (the kept chain), as setUpRegisterChain gives them. */
async function attachRegisterChain(url: string, deployment: Deployment): Promise<Chain> {
  const provider = new JsonRpcProvider(url, undefined, { staticNetwork: true, cacheTimeout: -1, pollingInterval: 20 });
  const accounts = await Promise.all(Array.from({ length: 10 }, (_, i) => provider.getSigner(i)));
  const { abi } = loadRegisterArtifact();
  const client = (i: number) => createRegisterClient({ register: new Contract(deployment.address, abi, accounts[i]!) });
  return {
    deployment,
    accounts,
    signer: { US: client(2), EP: client(4), JP: client(6) },
    send: (method, params = []) => rpc(url, method, params),
    close: () => provider.destroy(),
  };
}

/** A fresh node over the whole register, end to end, in its own process (so its RSS is its own). */
async function runNode(chain: Chain, url: string, path: string, hardhatPid: number, variantEnv: Record<string, string> = {}) {
  const node = startDipr(["node"], {
    DIPR_RPC_URL: url,
    DIPR_REGISTER_ADDRESS: chain.deployment.address,
    DIPR_START_BLOCK: String(chain.deployment.blockNumber),
    DIPR_DATA_DIR: path,
    DIPR_DEPLOYMENTS_DIR: path,
    DIPR_CONFIRMATIONS: "12",
    DIPR_LOG_LEVEL: "info",
    DIPR_API_PORT: "0",
    // Knobs for memory experiments, passed to the node process only.
    ...(process.env.DIPR_BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.DIPR_BENCH_NODE_OPTIONS } : {}),
    ...(process.env.MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX } : {}),
    ...variantEnv,
  });
  const spawnedAt = Date.now();
  const sampler = sampleMemory(node.child.pid!);
  const starting = await node.waitFor((l) => l.msg === "node starting");
  if (starting.compiled !== true) {
    node.child.kill("SIGTERM");
    // bin/dipr.js runs src/ through tsx when dist/ is older than a source file (or was built less than 2 s after one).
    throw new Error("the node ran src/ through tsx, not the compiled build: run `node scripts/build-dist.mjs --force` and start again");
  }
  const hardhatBefore = cpuMs(`/proc/${hardhatPid}/stat`).ms;
  const caughtUp = await node.waitFor((l) => l.msg === "caught up", 30 * 60_000);
  const wallMs = Date.now() - spawnedAt;
  // Includes the node's start-up (module loading); the hardhat node's share is counted over the catch-up only.
  const cpu = { ...cpuByThread(node.child.pid!), hardhatNodeMs: cpuMs(`/proc/${hardhatPid}/stat`).ms - hardhatBefore };
  const status = readFileSync(`/proc/${node.child.pid}/status`, "utf8");
  const peakRssMiB = Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
  const memory = sampler.stop();
  node.child.kill("SIGTERM");
  await node.exited;
  const ranges = node.lines.filter((l) => l.msg === "indexed range");
  const events = ranges.reduce((n, l) => n + Number(l.events), 0);
  return { events, syncMs: Number(caughtUp.time) - Number(starting.time), wallMs, peakRssMiB, memory, ranges, starting, cpu };
}

/** The I/O limit: the same range with plain eth_getLogs calls, each log under one key, no decoding. */
async function readRaw(chain: Chain, head: number, url: string) {
  const raw = tempDir("dipr-bench-raw-");
  const db = new ClassicLevel<string, string>(raw.path);
  await db.open();
  const rpc = createRpcClient({ url, timeoutMs: 120_000 });
  // About 5,000 logs per call (the register's blocks hold similar numbers of logs).
  const logsPerBlock = (APPS * 3) / Math.max(1, head - chain.deployment.blockNumber);
  const blocksPerCall = Math.max(1, Math.floor(5000 / logsPerBlock));
  const r0 = performance.now();
  let events = 0;
  for (let from = chain.deployment.blockNumber; from <= head; from += blocksPerCall) {
    const to = Math.min(head, from + blocksPerCall - 1);
    const logs = await rpc.call<RawLog[]>("eth_getLogs", [{ address: chain.deployment.address, fromBlock: `0x${from.toString(16)}`, toBlock: `0x${to.toString(16)}` }]);
    await db.batch(logs.map((log) => ({ type: "put" as const, key: `${log.blockNumber}:${log.logIndex}`, value: JSON.stringify(log) })));
    events += logs.length;
  }
  const ms = performance.now() - r0;
  await db.close();
  raw.remove();
  return { events, ms };
}

const CHAIN_FILE = process.env.DIPR_BENCH_CHAIN_FILE;
const kept = CHAIN_FILE === undefined ? undefined : await keptChain(CHAIN_FILE);
const detached = CHAIN_FILE === undefined || kept !== undefined ? undefined : await startDetachedHardhatNode();
const hardhat = kept
  ? { url: kept.url, process: { pid: kept.pid }, stop: async () => {} }
  : detached
    ? { url: detached.url, process: { pid: detached.pid }, stop: async () => say(`hardhat node ${detached.pid} kept at ${detached.url} (${CHAIN_FILE})`) }
    : await startHardhatNode();
try {
  const chain: Chain = kept ? await attachRegisterChain(kept.url, kept.deployment) : await setUpRegisterChain(hardhat.url);
  const rng = createRng(1);
  const t0 = performance.now();
  if (!kept) {
    // The three offices' signers (accounts 2, 4, 6) send in parallel; automine makes one block per transaction.
    // Bare eth_sendTransaction with a fixed gas limit: through ethers' signer every batch would also be executed
    // once more by eth_estimateGas, doubling the pre-mining time (the register client stays the path for tests).
    const iface = registerInterface();
    await Promise.all(
      OFFICES.map(async (office, k) => {
        const from = chain.accounts[2 + 2 * k]!.address;
        for (let first = k * BATCH; first < APPS; first += BATCH * OFFICES.length) {
          const specs = bulkApplications(office, first, Math.min(BATCH, APPS - first), rng);
          const data = iface.encodeFunctionData("registerApplications", [officeToBytes2(office), specs.map(encodeApplication)]);
          await chain.send("eth_sendTransaction", [{ from, to: chain.deployment.address, data, gas: "0xf42400" }]);
        }
      }),
    );
  }
  const head = parseInt((await chain.send("eth_blockNumber")) as string, 16);
  const preMineMs = kept ? kept.preMineMs : performance.now() - t0;
  if (kept) say(`reusing the chain kept in ${CHAIN_FILE}: ${APPS} applications up to block ${head}`);
  else say(`pre-mined ${APPS} applications up to block ${head} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (detached) {
    const snapshot = (await chain.send("evm_snapshot")) as string;
    writeFileSync(CHAIN_FILE!, JSON.stringify({ ...detached, apps: APPS, head, snapshot, preMineMs, deployment: chain.deployment } satisfies KeptChain, null, 2));
  }

  // This VM's speed drifts within minutes, so the raw reader runs before and after every node run (ROUNDS node
  // runs, ROUNDS + 1 raw runs over the same range): each node run is compared with the mean rate of the raw runs
  // on either side of it, and the report gives medians.
  type NodeRun = Awaited<ReturnType<typeof runNode>> & { stealPercent: number; storeBytes: number; variant: string };
  type RawRun = Awaited<ReturnType<typeof readRaw>> & { stealPercent: number };
  const rounds: { node: NodeRun; rawBefore: RawRun; rawAfter: RawRun }[] = [];
  let dir: ReturnType<typeof tempDir> | undefined;
  let rawBefore = await withSteal(() => readRaw(chain, head, hardhat.url));
  for (let r = 0; r < ROUNDS; r++) {
    dir?.remove();
    dir = tempDir("dipr-bench-");
    const slot = VARIANT_ENVS === undefined ? 0 : r % (VARIANT_ENVS.length + 1);
    const variant = String.fromCharCode(65 + slot);
    const variantEnv = slot === 0 ? {} : VARIANT_ENVS![slot - 1]!;
    const node = { ...(await withSteal(() => runNode(chain, hardhat.url, dir!.path, hardhat.process.pid!, variantEnv))), storeBytes: dirBytes(dir.path), variant };
    const rawAfter = await withSteal(() => readRaw(chain, head, hardhat.url));
    say(
      `round ${r + 1}/${ROUNDS}${VARIANT_B_ENV === undefined ? "" : ` (${variant})`}: node ${node.events} events in ${node.syncMs} ms (${node.ranges.length} ranges), peak RSS ${node.peakRssMiB} MiB, steal ${node.stealPercent} %; ` +
        `raw ${rawBefore.events} logs in ${Math.round(rawBefore.ms)} ms before, ${Math.round(rawAfter.ms)} ms after; ` +
        `ratio ${(perSecond(node.events, node.syncMs) / ((perSecond(rawBefore.events, rawBefore.ms) + perSecond(rawAfter.events, rawAfter.ms)) / 2)).toFixed(2)}, ` +
        `peak anon/file ${node.memory.anon}/${node.memory.file} MiB, cpu main/v8/libuv ${node.cpu.mainMs}/${node.cpu.v8WorkersMs}/${node.cpu.libuvAndLevelDbMs} ms`,
    );
    rounds.push({ node, rawBefore, rawAfter });
    rawBefore = rawAfter;
  }
  const last = rounds.at(-1)!.node;

  // A 10-block reorganisation on the full store: detect, roll back, re-index.
  const live = await openNode({ path: dir!.path, url: hardhat.url, deployment: chain.deployment, confirmations: 12 });
  await live.indexer.syncToHead();
  const mineBlocks = async (first: number) => {
    for (let b = 0; b < 10; b++) await chain.signer.US.registerApplications("US", bulkApplications("US", first + b * 20, 20, rng));
  };
  const snapshot = (await chain.send("evm_snapshot")) as string;
  await mineBlocks(10_000_000);
  await live.indexer.syncToHead();
  await chain.send("evm_revert", [snapshot]);
  await mineBlocks(20_000_000);
  const g0 = performance.now();
  await live.indexer.syncToHead();
  const reorg10Ms = Math.round(performance.now() - g0);
  await live.close();
  dir!.remove();
  say(`reorg of 10 blocks handled in ${reorg10Ms} ms`);

  const nodeRate = (r: (typeof rounds)[number]) => perSecond(r.node.events, r.node.syncMs);
  const rawRate = (r: (typeof rounds)[number]) => (perSecond(r.rawBefore.events, r.rawBefore.ms) + perSecond(r.rawAfter.events, r.rawAfter.ms)) / 2;
  const eventsPerSecond = median(rounds.map(nodeRate));
  const rawEventsPerSecond = Math.round(median(rounds.map(rawRate)));
  const ratioToRaw = median(rounds.map((r) => nodeRate(r) / rawRate(r)));
  const { memory, ranges, starting, syncMs } = last;
  const at = (q: number) => ranges[Math.min(ranges.length - 1, Math.floor(q * ranges.length))];
  const rssAt = (q: number) => Number(at(q)?.rssMiB ?? 0);
  const heapAt = (q: number) => Number(at(q)?.heapMiB ?? 0);
  const heapTotalAt = (q: number) => Number(at(q)?.heapTotalMiB ?? 0);
  // The /proc samples nearest to 25, 50, 75 and 100 % of the catch-up time.
  const sampleAt = (q: number) => {
    const t = Number(starting.time) + q * syncMs;
    return memory.samples.reduce((best, s) => (Math.abs(s.at - t) < Math.abs(best.at - t) ? s : best), memory.samples[0] ?? { at: 0, anon: 0, file: 0 });
  };
  const path = writeResults(APPS === 100_000 ? "index" : `index-${APPS}`, {
    applications: APPS,
    blocks: head - chain.deployment.blockNumber + 1,
    events: last.events,
    eventsPerSecond,
    rawEventsPerSecond,
    ratioToRaw: Math.round(ratioToRaw * 100) / 100,
    rounds: ROUNDS,
    // The last round's, as the memory samples below; the median round's is events / eventsPerSecond.
    syncMs,
    wallMsWithStartup: last.wallMs,
    ranges: ranges.length,
    // The highest of all rounds.
    peakRssMiB: Math.max(...rounds.map((r) => r.node.peakRssMiB)),
    // The rest from the last round.
    rssMiBAtProgress: { "25%": rssAt(0.25), "50%": rssAt(0.5), "75%": rssAt(0.75), "100%": rssAt(1) },
    // Sampled every 100 ms from /proc: anonymous memory (heap, malloc) apart from file pages (LevelDB's mmapped tables).
    peakRssAnonMiB: memory.anon,
    peakRssFileMiB: memory.file,
    rssAnonMiBAtProgress: { "25%": sampleAt(0.25).anon, "50%": sampleAt(0.5).anon, "75%": sampleAt(0.75).anon, "100%": sampleAt(1).anon },
    rssFileMiBAtProgress: { "25%": sampleAt(0.25).file, "50%": sampleAt(0.5).file, "75%": sampleAt(0.75).file, "100%": sampleAt(1).file },
    heapMiBAtProgress: { "25%": heapAt(0.25), "50%": heapAt(0.5), "75%": heapAt(0.75), "100%": heapAt(1) },
    heapTotalMiBAtProgress: { "25%": heapTotalAt(0.25), "50%": heapTotalAt(0.5), "75%": heapTotalAt(0.75), "100%": heapTotalAt(1) },
    // CPU steal during the node runs (median): see withSteal.
    nodeStealPercent: median(rounds.map((r) => r.node.stealPercent)),
    // CPU by thread of the node process over its whole run, and the hardhat node's over the catch-up (medians).
    cpuMs: Object.fromEntries(Object.keys(last.cpu).map((k) => [k, median(rounds.map((r) => r.node.cpu[k as keyof NodeRun["cpu"]]))])),
    peakHeapTotalMiB: Math.max(...ranges.map((l) => Number(l.heapTotalMiB ?? 0))),
    // The V8 flags bin/dipr.js gave the node (its heap cap).
    nodeExecArgv: starting.execArgv,
    nodeMallocArenaMax: starting.mallocArenaMax,
    ...(VARIANT_ENVS === undefined ? {} : { variantBEnv: VARIANT_B_ENV, ...(VARIANT_ENVS.length > 1 ? { variantEnvs: VARIANT_ENVS } : {}) }),
    perRound: rounds.map((r) => ({
      ...(VARIANT_B_ENV === undefined ? {} : { variant: r.node.variant, peakRssAnonMiB: r.node.memory.anon, peakRssFileMiB: r.node.memory.file }),
      eventsPerSecond: nodeRate(r),
      rawEventsPerSecondBefore: perSecond(r.rawBefore.events, r.rawBefore.ms),
      rawEventsPerSecondAfter: perSecond(r.rawAfter.events, r.rawAfter.ms),
      ratioToRaw: Math.round((nodeRate(r) / rawRate(r)) * 100) / 100,
      peakRssMiB: r.node.peakRssMiB,
      cpuMs: r.node.cpu,
      stealPercent: { rawBefore: r.rawBefore.stealPercent, node: r.node.stealPercent, rawAfter: r.rawAfter.stealPercent },
    })),
    reorg10Ms,
    // The node's store on disk right after catching up (LevelDB files, before any later compaction; median of rounds).
    storeBytes: median(rounds.map((r) => r.node.storeBytes)),
    storeBytesPerApplication: Math.round(median(rounds.map((r) => r.node.storeBytes)) / APPS),
    // The local chain as a ceiling: pre-mining with three offices' signers sending batches of 250 in parallel to a
    // hardhat node that mines one block a transaction (process and RPC included; not a consensus network).
    preMineMs: Math.round(preMineMs),
    preMineApplicationsPerSecond: Math.round(APPS / (preMineMs / 1000)),
    preMineBatchSize: BATCH,
    targets: { eventsPerSecondVsRaw: ">= 0.5", peakRssMiB: "<= 300", reorg10Ms: "< 1000" },
  });
  say(`wrote ${path}`);
  chain.close();
} finally {
  await hardhat.stop();
}
