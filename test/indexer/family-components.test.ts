import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import { applicationIdOf } from "../../src/chain/register-contract.js";
import { epochDayToIso, ipTypeFromIndex } from "../../src/domain/index.js";
import { applyEvent } from "../../src/indexer/apply-event.js";
import type { RegisterEvent } from "../../src/indexer/index.js";
import { GENESIS_DIGEST } from "../../src/indexer/index.js";
import { createLogger } from "../../src/log.js";
import { createStore, type FamilyComponent, type Hex, type Store } from "../../src/store/index.js";
import { tempDir } from "../support/indexer-harness.js";

// The indexer's family components against a plain reference: after any sequence of registrations, parent links,
// claims, withdrawals, corrections and blinded applications (committed, claimed by clear or blinded ones, revealed),
// every application's and unrevealed commitment's stored component is exactly its connected component over the
// active claims, parent links and claims of commitments (a revealed commitment standing for the application it was
// revealed as), and a rollback leaves what a fresh index of the shorter history holds.

const NUMBERS = Array.from({ length: 9 }, (_, i) => `N${i}`);
const OFFICE = "DE";
const canonicalOf = (i: number) => `${OFFICE}:${NUMBERS[i]}`;
const idOf = (i: number) => applicationIdOf(OFFICE, NUMBERS[i]!).toLowerCase() as Hex;
const h = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
const COMMITMENTS = Array.from({ length: 4 }, (_, k) => h(0xc0_0000 + k));
const log = createLogger({ level: "silent" });

type Op =
  | { op: "register"; i: number; day: number; type: number; parent: number | null }
  | { op: "claim"; from: number; to: number; day: number }
  | { op: "withdraw"; pick: number }
  | { op: "correctDate"; i: number; day: number }
  | { op: "correctType"; i: number; type: number }
  | { op: "commit"; k: number; claims: number[] }
  | { op: "claimCommitment"; claimant: { app: number } | { commitment: number }; k: number }
  | { op: "reveal"; k: number; i: number; day: number };

const index = fc.integer({ min: 0, max: NUMBERS.length - 1 });
const slot = fc.integer({ min: 0, max: COMMITMENTS.length - 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant("register" as const), i: index, day: fc.integer({ min: 19_000, max: 20_000 }), type: fc.integer({ min: 0, max: 3 }), parent: fc.option(index) }),
  fc.record({ op: fc.constant("claim" as const), from: index, to: index, day: fc.integer({ min: 18_000, max: 18_999 }) }),
  fc.record({ op: fc.constant("withdraw" as const), pick: fc.nat() }),
  fc.record({ op: fc.constant("correctDate" as const), i: index, day: fc.integer({ min: 19_000, max: 20_000 }) }),
  fc.record({ op: fc.constant("correctType" as const), i: index, type: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ op: fc.constant("commit" as const), k: slot, claims: fc.array(slot, { maxLength: 2 }) }),
  fc.record({ op: fc.constant("claimCommitment" as const), claimant: fc.oneof(fc.record({ app: index }), fc.record({ commitment: slot })), k: slot }),
  fc.record({ op: fc.constant("reveal" as const), k: slot, i: index, day: fc.integer({ min: 19_000, max: 20_000 }) }),
);

type Model = {
  registered: Map<number, { day: number; type: number; parent: number | null; sequence: number }>;
  claims: { from: number; to: number; sequence: number; active: boolean }[];
  /** Committed slots: the number each was revealed as (and its date then), or null. */
  committed: Map<number, { revealedAs: number | null; day: number | null }>;
  /** Claims of commitments: the claimant (a number, or a slot) and the claimed slot. */
  commitmentClaims: { claimant: { app: number } | { commitment: number }; k: number }[];
};

/** Turns operations into the events the contract would emit, skipping those it would refuse; one block each. */
function toEvents(ops: readonly Op[]): { events: RegisterEvent[][]; model: Model[] } {
  const model: Model = { registered: new Map(), claims: [], committed: new Map(), commitmentClaims: [] };
  // The office is admitted first, as the contract requires before it registers anything.
  const admitted: RegisterEvent = { type: "OfficeAdmitted", office: OFFICE, name: "DPMA", admin: h(7), adminRole: h(8), signerRole: h(9), blockNumber: 1, blockHash: h(1), transactionHash: h(100), logIndex: 0 };
  const blocks: RegisterEvent[][] = [[admitted]];
  const models: Model[] = [structuredClone(model)];
  for (const op of ops) {
    const block = blocks.length + 1;
    const at = (logIndex: number) => ({ blockNumber: block, blockHash: h(block), transactionHash: h(block * 100), logIndex, blockTimestamp: 1_780_000_000 + block * 12 });
    const claimantId = (c: { app: number } | { commitment: number }) => ("app" in c ? idOf(c.app) : COMMITMENTS[c.commitment]!);
    const claimedAlready = (c: { app: number } | { commitment: number }, k: number) =>
      model.commitmentClaims.some((x) => x.k === k && JSON.stringify(x.claimant) === JSON.stringify(c));
    const events: RegisterEvent[] = [];
    if (op.op === "register" && !model.registered.has(op.i)) {
      const parent = op.parent !== null && op.parent !== op.i && model.registered.has(op.parent) ? op.parent : null;
      model.registered.set(op.i, { day: op.day, type: op.type, parent, sequence: 0 });
      events.push({ type: "ApplicationRegistered", office: OFFICE, applicationId: idOf(op.i), number: NUMBERS[op.i]!, filingDate: op.day, ipType: op.type, ...at(0) });
      if (parent !== null) events.push({ type: "ApplicationLinked", office: OFFICE, applicationId: idOf(op.i), parentId: idOf(parent), linkKind: 1 + (op.i % 3), ...at(1) });
    } else if (op.op === "claim" && op.from !== op.to && model.registered.has(op.from)) {
      const claimant = model.registered.get(op.from)!;
      claimant.sequence += 1;
      model.claims.push({ from: op.from, to: op.to, sequence: claimant.sequence, active: true });
      events.push({
        type: "PriorityClaimed",
        office: OFFICE,
        applicationId: idOf(op.from),
        claimedId: idOf(op.to),
        sequence: claimant.sequence,
        claimedOffice: OFFICE,
        claimedFilingDate: op.day,
        claimedNumber: NUMBERS[op.to]!,
        ...at(0),
      });
    } else if (op.op === "withdraw" && model.claims.some((c) => c.active)) {
      const active = model.claims.filter((c) => c.active);
      const claim = active[op.pick % active.length]!;
      claim.active = false;
      events.push({ type: "PriorityClaimWithdrawn", office: OFFICE, applicationId: idOf(claim.from), sequence: claim.sequence, ...at(0) });
    } else if (op.op === "correctDate" && model.registered.has(op.i) && model.registered.get(op.i)!.day !== op.day) {
      const app = model.registered.get(op.i)!;
      events.push({ type: "FilingDateCorrected", office: OFFICE, applicationId: idOf(op.i), previousDate: app.day, filingDate: op.day, ...at(0) });
      app.day = op.day;
    } else if (op.op === "correctType" && model.registered.has(op.i) && model.registered.get(op.i)!.type !== op.type) {
      const app = model.registered.get(op.i)!;
      events.push({ type: "IpTypeCorrected", office: OFFICE, applicationId: idOf(op.i), previousType: app.type, ipType: op.type, ...at(0) });
      app.type = op.type;
    } else if (op.op === "commit" && !model.committed.has(op.k)) {
      model.committed.set(op.k, { revealedAs: null, day: null });
      events.push({ type: "ApplicationCommitted", office: OFFICE, commitment: COMMITMENTS[op.k]!, ...at(0) });
      for (const j of new Set(op.claims)) {
        if (j === op.k || !model.committed.has(j)) continue;
        model.commitmentClaims.push({ claimant: { commitment: op.k }, k: j });
        events.push({ type: "CommitmentClaimed", office: OFFICE, claimant: COMMITMENTS[op.k]!, claimedCommitment: COMMITMENTS[j]!, ...at(events.length) });
      }
    } else if (
      op.op === "claimCommitment" &&
      model.committed.has(op.k) &&
      ("app" in op.claimant ? model.registered.has(op.claimant.app) : model.committed.has(op.claimant.commitment) && op.claimant.commitment !== op.k) &&
      !claimedAlready(op.claimant, op.k)
    ) {
      model.commitmentClaims.push({ claimant: op.claimant, k: op.k });
      events.push({ type: "CommitmentClaimed", office: OFFICE, claimant: claimantId(op.claimant), claimedCommitment: COMMITMENTS[op.k]!, ...at(0) });
    } else if (op.op === "reveal" && model.committed.get(op.k)?.revealedAs === null && !model.registered.has(op.i)) {
      model.registered.set(op.i, { day: op.day, type: 0, parent: null, sequence: 0 });
      model.committed.set(op.k, { revealedAs: op.i, day: op.day });
      events.push({ type: "ApplicationRegistered", office: OFFICE, applicationId: idOf(op.i), number: NUMBERS[op.i]!, filingDate: op.day, ipType: 0, ...at(0) });
      events.push({ type: "CommitmentRevealed", office: OFFICE, commitment: COMMITMENTS[op.k]!, applicationId: idOf(op.i), ...at(1) });
    }
    if (events.length === 0) continue;
    blocks.push(events);
    models.push(structuredClone(model));
  }
  return { events: blocks, model: models };
}

/** A model node: a number's index, or BLINDED + slot for an unrevealed commitment. */
const BLINDED = 100;
const keyOf = (node: number) => (node >= BLINDED ? COMMITMENTS[node - BLINDED]! : canonicalOf(node));
/** The node a commitment stands for: the number it was revealed as, or itself. */
const nodeOfCommitment = (model: Model, k: number) => model.committed.get(k)?.revealedAs ?? BLINDED + k;
const nodeOfClaimant = (model: Model, c: { app: number } | { commitment: number }) => ("app" in c ? c.app : nodeOfCommitment(model, c.commitment));

/** Connected components by plain search over the model's links, for every node that has a link. */
function referenceComponents(model: Model): Map<number, Set<number>> {
  const neighbours = new Map<number, number[]>();
  const link = (a: number, b: number) => {
    neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
    neighbours.set(b, [...(neighbours.get(b) ?? []), a]);
  };
  for (const c of model.claims) if (c.active) link(c.from, c.to);
  for (const [i, app] of model.registered) if (app.parent !== null) link(i, app.parent);
  // The application a commitment was revealed as may claim it: that links nothing.
  for (const c of model.commitmentClaims) if (nodeOfClaimant(model, c.claimant) !== nodeOfCommitment(model, c.k)) link(nodeOfClaimant(model, c.claimant), nodeOfCommitment(model, c.k));
  const result = new Map<number, Set<number>>();
  for (const start of neighbours.keys()) {
    if (result.has(start)) continue;
    const seen = new Set([start]);
    const stack = [start];
    while (stack.length > 0) for (const n of neighbours.get(stack.pop()!)!) if (!seen.has(n) && seen.add(n)) stack.push(n);
    for (const n of seen) result.set(n, seen);
  }
  return result;
}

const dirs: ReturnType<typeof tempDir>[] = [];
afterAll(() => dirs.forEach((d) => d.remove()));

/** Indexes `blocks` into a new store, committing after the blocks in `cuts`; every block keeps its undo record. */
async function indexInto(blocks: readonly RegisterEvent[][], cuts: ReadonlySet<number>): Promise<Store> {
  const dir = tempDir("dipr-families-");
  dirs.push(dir);
  const store = await createStore({ path: dir.path });
  await store.initialise({ chainId: 1, registerAddress: h(1).slice(0, 42) as Hex, startBlock: 1 }, { number: 0, hash: h(0), digest: GENESIS_DIGEST }, { number: 0, hash: h(0), parentHash: h(0) });
  let batch = store.beginBatch({ undoFrom: 0 });
  let keep: { number: number; hash: Hex; parentHash: Hex; digest: Hex }[] = [];
  for (const [k, events] of blocks.entries()) {
    const n = k + 1;
    batch.atBlock(n);
    for (const e of events) applyEvent(batch, e, log);
    keep.push({ number: n, hash: h(n), parentHash: h(n - 1), digest: GENESIS_DIGEST });
    if (cuts.has(n) || n === blocks.length) {
      await batch.commit({ keep, cursor: { number: n, hash: h(n), digest: GENESIS_DIGEST }, pruneBelow: 0 });
      batch = store.beginBatch({ undoFrom: 0 });
      keep = [];
    }
  }
  return store;
}

async function expectComponentsMatch(store: Store, model: Model): Promise<void> {
  const reference = referenceComponents(model);
  for (const [k, { revealedAs }] of model.committed) {
    const stored = await store.getFamily(COMMITMENTS[k]!);
    const expected = reference.get(BLINDED + k);
    // A revealed commitment is no member any more: the application it was revealed as took its place.
    if (revealedAs !== null || expected === undefined) {
      expect(stored, `C${k} is in no component`).toBeUndefined();
      continue;
    }
    expect(new Set(stored?.members.map((m) => m.canonicalId)), `members of C${k}`).toEqual(new Set([...expected].map(keyOf)));
  }
  for (let i = 0; i < NUMBERS.length; i++) {
    // The entry a verification reads follows registration and every correction.
    const app = model.registered.get(i);
    const registered = app && { filingDate: epochDayToIso(app.day), ipType: ipTypeFromIndex(app.type) };
    expect(store.getRegistered(canonicalOf(i)), `registered entry of N${i}`).toEqual(registered);
    const stored: FamilyComponent | undefined = await store.getFamily(canonicalOf(i));
    const expected = reference.get(i);
    if (expected === undefined) {
      expect(stored, `N${i} has no links`).toBeUndefined();
      continue;
    }
    expect(stored, `N${i} is in a component`).toBeDefined();
    expect(new Set(stored!.members.map((m) => m.canonicalId)), `members of N${i}`).toEqual(new Set([...expected].map(keyOf)));
    expect(stored!.members.map((m) => m.canonicalId)).toContain(stored!.label);
    for (const member of stored!.members) {
      if (member.canonicalId.startsWith("0x")) {
        expect(member.blinded, `blinded member ${member.canonicalId}`).toMatchObject({ office: OFFICE, committedAt: expect.objectContaining({ blockTime: expect.any(String) }) });
        continue;
      }
      expect(member.blinded).toBeUndefined();
      const j = NUMBERS.indexOf(member.canonicalId.slice(3));
      const app = model.registered.get(j);
      expect(member.filingDate === undefined ? undefined : member.filingDate, `date of N${j}`).toBe(app ? new Date(app.day * 86_400_000).toISOString().slice(0, 10) : undefined);
      expect(member.ipType, `type of N${j}`).toBe(app ? ipTypeFromIndex(app.type) : undefined);
    }
    const at = (index: number) => stored!.members[index]!.canonicalId;
    const links = stored!.links
      .map((l) => (l.kind === "priority" && l.sequence === undefined ? `c:${at(l.from)}>${at(l.to)}@${l.claimedFilingDate ?? "-"}` : `${l.sequence ?? "parent"}:${at(l.from)}>${at(l.to)}:${l.kind}`))
      .sort();
    const wanted = [
      ...model.commitmentClaims
        .filter((c) => expected.has(nodeOfClaimant(model, c.claimant)) && nodeOfClaimant(model, c.claimant) !== nodeOfCommitment(model, c.k))
        .map((c) => {
          const day = model.committed.get(c.k)!.day;
          return `c:${keyOf(nodeOfClaimant(model, c.claimant))}>${keyOf(nodeOfCommitment(model, c.k))}@${day === null ? "-" : epochDayToIso(day)}`;
        }),
      ...model.claims.filter((c) => c.active && expected.has(c.from)).map((c) => `${c.sequence}:${canonicalOf(c.from)}>${canonicalOf(c.to)}:priority`),
      ...[...model.registered]
        .filter(([j, app]) => app.parent !== null && expected.has(j))
        .map(([j, app]) => `parent:${canonicalOf(j)}>${canonicalOf(app.parent!)}:${["divisional", "continuation", "continuationInPart"][j % 3]}`),
    ].sort();
    expect(links, `links of N${i}`).toEqual(wanted);
  }
}

describe("family components kept by the indexer", () => {
  test("equal the connected components of the active links, however blocks are grouped into ranges", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 20, maxLength: 80 }), fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 8 }), async (ops, cuts) => {
        const { events, model } = toEvents(ops);
        if (events.length < 2) return;
        const oneRange = await indexInto(events, new Set());
        const manyRanges = await indexInto(events, new Set(cuts));
        try {
          await expectComponentsMatch(oneRange, model.at(-1)!);
          expect(await manyRanges.exportEntries()).toEqual(await oneRange.exportEntries());
        } finally {
          await oneRange.close();
          await manyRanges.close();
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  test("a rollback leaves exactly what a fresh index of the shorter history holds", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 20, maxLength: 60 }), fc.nat(), async (ops, at) => {
        const { events, model } = toEvents(ops);
        if (events.length < 2) return;
        const ancestor = at % events.length; // 0 = before every event
        const full = await indexInto(events, new Set([ancestor]));
        const shorter = await indexInto(events.slice(0, ancestor), new Set());
        try {
          await full.rollbackTo(ancestor);
          const { meta: _a, blocks: _b, ...rolledBack } = await full.exportEntries();
          const { meta: _c, blocks: _d, ...fresh } = await shorter.exportEntries();
          expect(rolledBack).toEqual(fresh);
          if (ancestor > 0) await expectComponentsMatch(full, model[ancestor - 1]!);
        } finally {
          await full.close();
          await shorter.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
