import { encodeApplication, encodeClaim, type ApplicationSpec, type PriorityClaimSpec } from "../../src/chain/encode.js";
import { applicationIdOf, officeToBytes2, registerInterface } from "../../src/chain/register-contract.js";
import { isoToChainDay } from "../../src/domain/index.js";
import { TEST_OFFICES, type RegisterChain, type TestOffice } from "./register-chain.js";

const iface = registerInterface();

/**
 * Sends a register call as a bare eth_sendTransaction with a fixed gas limit: under automine the node answers
 * once the block is mined, about 6x faster than a contract call through ethers' signer (estimate, poll, wait),
 * which the reorg rounds need. A revert comes back as a JSON-RPC error, so nothing invalid goes unnoticed.
 */
async function sendCall(chain: RegisterChain, account: number, fn: string, args: unknown[]): Promise<void> {
  const from = chain.accounts[account]!.address;
  await chain.send("eth_sendTransaction", [{ from, to: chain.deployment.address, data: iface.encodeFunctionData(fn, args), gas: "0x7a1200" }]);
}
// Account layout of setUpRegisterChain: 0 registrar, 1 + 2i admin and 2 + 2i signer of office i.
const adminOf = (office: TestOffice) => 1 + 2 * TEST_OFFICES.indexOf(office);
const signerOf = (office: TestOffice) => 2 + 2 * TEST_OFFICES.indexOf(office);
const recordedOf = (app: ModelApp) => app.claims.map((c) => encodeClaim(c));

/** A small deterministic PRNG (mulberry32), so a failing round can be replayed from its seed. */
export function createRng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
export type Rng = ReturnType<typeof createRng>;

type ModelClaim = { office: string; number: string; filingDate: string; withdrawn: boolean };
type ModelApp = { office: TestOffice; number: string; filingDate: string; ipType: ApplicationSpec["ipType"]; claims: ModelClaim[] };

/** What the generator knows about the chain, so every transaction it sends is valid. Cloned around snapshots. */
export type HistoryModel = { apps: ModelApp[]; suspended: TestOffice[]; extraSigners: Partial<Record<TestOffice, boolean>> };

export const emptyModel = (): HistoryModel => ({ apps: [], suspended: [], extraSigners: {} });
export const cloneModel = (m: HistoryModel): HistoryModel => structuredClone(m);

/**
 * Random valid transactions on `chain` with the model kept in step, also across evm_snapshot/evm_revert: what
 * the reorg tests drive the chain with.
 */
export function createHistoryDriver(chain: RegisterChain, rng: Rng) {
  let model = emptyModel();
  async function mine(count: number): Promise<void> {
    for (let i = 0; i < count; i++) await randomTransaction(chain, model, rng);
  }
  return {
    mine,
    /** evm_snapshot, `depth` blocks, `during` (which sees them), then evm_revert: the next blocks mined replace them. */
    async withReorg(depth: number, during: () => Promise<unknown>): Promise<void> {
      const snapshot = (await chain.send("evm_snapshot")) as string;
      const saved = cloneModel(model);
      await mine(depth);
      await during();
      if ((await chain.send("evm_revert", [snapshot])) !== true) throw new Error(`evm_revert to ${snapshot} failed`);
      model = saved;
    },
  };
}

const IP_TYPES = ["patent", "utilityModel", "industrialDesign", "trademark"] as const;
let serial = 0; // never reverted: numbers minted after an evm_revert differ from the reverted ones
const nextNumber = () => `${(++serial).toString().padStart(7, "0")}${String.fromCharCode(65 + (serial % 26))}`;
const day = (offset: number) => isoPlusDays("2024-01-01", offset);

function isoPlusDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Sends one random valid register transaction (so one block under automine) and updates the model. */
export async function randomTransaction(chain: RegisterChain, model: HistoryModel, rng: Rng): Promise<string> {
  const active = TEST_OFFICES.filter((o) => !model.suspended.includes(o));
  const withClaims = model.apps.filter((a) => a.claims.some((c) => !c.withdrawn) && !model.suspended.includes(a.office));
  const writable = model.apps.filter((a) => !model.suspended.includes(a.office));
  const roll = rng.int(0, 99);
  if (roll < 45 || writable.length < 3) {
    const office = rng.pick(active);
    const filingDate = day(rng.int(30, 400));
    const claims: PriorityClaimSpec[] = [];
    for (let k = rng.int(0, 2); k > 0; k--) {
      const earlier = model.apps.filter((a) => a.filingDate < filingDate && !claims.some((c) => c.number === a.number && c.office === a.office));
      if (earlier.length > 0 && rng.next() < 0.5) {
        const target = rng.pick(earlier);
        claims.push({ office: target.office, number: target.number, filingDate: target.filingDate });
      } else {
        claims.push({ office: rng.pick(["DE", "FR", "GB", "CN"]), number: nextNumber(), filingDate: isoPlusDays(filingDate, -rng.int(1, 300)) });
      }
    }
    const parents = model.apps.filter((a) => a.office === office);
    const parent = parents.length > 0 && rng.next() < 0.3 ? rng.pick(parents) : undefined;
    const spec: ApplicationSpec = {
      number: nextNumber(),
      filingDate,
      ipType: rng.pick(IP_TYPES),
      claims,
      ...(parent
        ? { parent: { id: applicationIdOf(parent.office, parent.number), kind: rng.pick(["divisional", "continuation", "continuationInPart"] as const) } }
        : {}),
    };
    await sendCall(chain, signerOf(office), "registerApplication", [officeToBytes2(office), encodeApplication(spec)]);
    model.apps.push({ office, number: spec.number, filingDate, ipType: spec.ipType, claims: claims.map((c) => ({ ...c, withdrawn: false })) });
    return "register";
  }
  if (roll < 60) {
    const app = rng.pick(writable);
    if (app.claims.length < 60) {
      const claim = { office: "DE", number: nextNumber(), filingDate: isoPlusDays(app.filingDate, -rng.int(1, 200)) };
      await sendCall(chain, signerOf(app.office), "addPriorityClaim", [applicationIdOf(app.office, app.number), recordedOf(app), encodeClaim(claim)]);
      app.claims.push({ ...claim, withdrawn: false });
      return "claim";
    }
  }
  if (roll < 72 && withClaims.length > 0) {
    const app = rng.pick(withClaims);
    const index = app.claims.findIndex((c) => !c.withdrawn);
    await sendCall(chain, signerOf(app.office), "withdrawPriorityClaim", [applicationIdOf(app.office, app.number), index + 1]);
    app.claims[index]!.withdrawn = true;
    return "withdraw";
  }
  if (roll < 80) {
    const app = rng.pick(writable);
    const latestClaim = app.claims.filter((c) => !c.withdrawn).reduce((m, c) => (c.filingDate > m ? c.filingDate : m), "2023-01-01");
    const filingDate = isoPlusDays(latestClaim > app.filingDate ? latestClaim : app.filingDate, rng.int(1, 5));
    await sendCall(chain, signerOf(app.office), "correctFilingDate", [applicationIdOf(app.office, app.number), recordedOf(app), isoToChainDay(filingDate)]);
    app.filingDate = filingDate;
    return "correctDate";
  }
  if (roll < 88) {
    const app = rng.pick(writable);
    const ipType = rng.pick(IP_TYPES.filter((t) => t !== app.ipType));
    await sendCall(chain, signerOf(app.office), "correctIpType", [applicationIdOf(app.office, app.number), IP_TYPES.indexOf(ipType)]);
    app.ipType = ipType;
    return "correctType";
  }
  if (roll < 94) {
    // JP alone is ever suspended, so two offices always stay writable.
    if (model.suspended.includes("JP")) {
      await sendCall(chain, 0, "reinstateOffice", [officeToBytes2("JP")]);
      model.suspended = [];
      return "reinstate";
    }
    await sendCall(chain, 0, "suspendOffice", [officeToBytes2("JP")]);
    model.suspended = ["JP"];
    return "suspend";
  }
  const office = rng.pick(active);
  const extra = chain.accounts[9]!.address;
  if (model.extraSigners[office]) {
    await sendCall(chain, adminOf(office), "revokeSigner", [officeToBytes2(office), extra]);
    model.extraSigners[office] = false;
    return "revoke";
  }
  await sendCall(chain, adminOf(office), "grantSigner", [officeToBytes2(office), extra]);
  model.extraSigners[office] = true;
  return "grant";
}

/** Applications for a bulk history: `count` numbers of `office` with 1-3 unregistered priority claims each. */
export function bulkApplications(office: string, first: number, count: number, rng: Rng): ApplicationSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const filingDate = isoPlusDays("2024-01-01", (first + i) % 300);
    const claims = Array.from({ length: rng.int(1, 3) }, (_, k) => ({
      office: ["DE", "FR", "GB"][k]!,
      number: `${office}${(first + i).toString().padStart(9, "0")}`,
      filingDate: isoPlusDays(filingDate, -1 - k),
    }));
    return { number: (first + i).toString().padStart(10, "0"), filingDate, ipType: "patent" as const, claims };
  });
}
