import { DiprError } from "../errors.js";

/**
 * Patent families over a set of applications and their links (domain.md 6). Ids are canonical ids
 * ("EP:24150001.6"); the office is the part before ":". Every list returned is sorted by canonical id (UTF-16 code
 * unit order), so results do not depend on input order.
 */

/** How an application descends from a parent at the same or another office. */
export type FamilyLinkKind = "divisional" | "continuation" | "continuationInPart" | "pctNationalPhase";

/** The office's verdict on a claim. `late` and `invalid` claims link extended families but not simple ones. */
export type FamilyClaimStatus = "valid" | "restored" | "restorable" | "late" | "invalid";

export type FamilyApplication = Readonly<{
  id: string;
  filingDate?: string;
  /** Paris priority claims (and domestic priority claims) this application makes. */
  claims?: readonly Readonly<{ id: string; status?: FamilyClaimStatus }>[];
  parent?: Readonly<{ id: string; kind: FamilyLinkKind }>;
}>;

export type FamilyIndex = Readonly<{
  /** DOCDB-style: members with exactly the same priority set (domain.md 6.2). */
  simpleFamily(id: string): readonly string[];
  /** INPADOC-style: connected through any claim or parent link, directly or through chains. */
  extendedFamily(id: string): readonly string[];
  /** Same office, linked by domestic priority, continuation, continuation-in-part or divisional links. */
  domesticFamily(id: string): readonly string[];
  /** Applications that claim `id` directly. */
  claimantsOf(id: string): readonly string[];
  /** `id`, the application it claims, what that claims, ... following the earliest-filed claim at each step. */
  priorityChain(id: string): readonly string[];
  /** The ids `id` validly claims (inherited from the parent for divisionals, continuations, PCT entries), or itself. */
  prioritySet(id: string): readonly string[];
}>;

// Claims that count for the simple family: domain.md 6.2 uses only valid (or restored) claims.
const COUNTS_FOR_SIMPLE: ReadonlySet<FamilyClaimStatus> = new Set<FamilyClaimStatus>(["valid", "restored"]);
// DOCDB: continuations and divisionals sit in the parent's simple family, and a PCT national/regional phase entry
// is the same application. A continuation-in-part adds matter, so it keeps its own priorities.
const INHERITS_PRIORITIES: ReadonlySet<FamilyLinkKind> = new Set<FamilyLinkKind>(["divisional", "continuation", "pctNationalPhase"]);

const officeOf = (id: string): string => id.slice(0, id.indexOf(":"));
const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function once<T>(f: () => T): () => T {
  let value: T | undefined;
  let done = false;
  return () => {
    if (!done) {
      value = f();
      done = true;
    }
    return value as T;
  };
}

class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    const p = this.parent;
    let r = x;
    while (p[r] !== r) {
      const grand = p[p[r] ?? r] ?? r; // path halving
      p[r] = grand;
      r = grand;
    }
    return r;
  }
  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if ((this.size[ra] ?? 0) < (this.size[rb] ?? 0)) {
      const t = ra;
      ra = rb;
      rb = t;
    }
    this.parent[rb] = ra;
    this.size[ra] = (this.size[ra] ?? 0) + (this.size[rb] ?? 0);
  }
}

/**
 * Indexes a set of applications once; queries are then cheap. Nodes are the applications plus every id they
 * reference, so two applications claiming the same unregistered priority still share an extended family; only
 * applications of the input set are returned as members.
 * @throws DiprError FAMILY_DUPLICATE_APPLICATION when an id appears twice.
 */
export function createFamilyIndex(applications: readonly FamilyApplication[]): FamilyIndex {
  const index = new Map<string, number>();
  const ids: string[] = [];
  const apps: (FamilyApplication | undefined)[] = [];
  const node = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      i = ids.length;
      index.set(id, i);
      ids.push(id);
      apps.push(undefined);
    }
    return i;
  };
  for (const app of applications) {
    const i = node(app.id);
    if (apps[i] !== undefined) {
      throw new DiprError("FAMILY_DUPLICATE_APPLICATION", `Application ${app.id} appears twice in the family input.`, { id: app.id });
    }
    apps[i] = app;
  }
  // Edges as parallel integer arrays, resolved once: the union-find passes then touch no strings.
  // kind: 0 priority claim, 1 parent link, 2 PCT national-phase parent link.
  const from: number[] = [];
  const to: number[] = [];
  const kind: number[] = [];
  for (const app of applications) {
    const i = index.get(app.id) ?? 0;
    const claims = app.claims;
    if (claims !== undefined) {
      for (const claim of claims) {
        from.push(i);
        to.push(node(claim.id));
        kind.push(0);
      }
    }
    if (app.parent !== undefined) {
      from.push(i);
      to.push(node(app.parent.id));
      kind.push(app.parent.kind === "pctNationalPhase" ? 2 : 1);
    }
  }

  const n = ids.length;
  const edges = from.length;
  // Only the extended family is built eagerly (it is the hot query); the rest is built on first use.
  const extended = new UnionFind(n);
  for (let e = 0; e < edges; e++) extended.union(from[e] ?? 0, to[e] ?? 0);
  const domestic = once(() => {
    const uf = new UnionFind(n);
    for (let e = 0; e < edges; e++) {
      const a = from[e] ?? 0;
      const b = to[e] ?? 0;
      // A PCT national-phase link always crosses offices (WO to a national office), so the office test suffices.
      if (officeOf(ids[a] ?? "") === officeOf(ids[b] ?? "")) uf.union(a, b);
    }
    return uf;
  });
  const claimants = once(() => {
    const byClaimed = new Map<number, number[]>();
    for (let e = 0; e < edges; e++) {
      if (kind[e] !== 0) continue;
      const j = to[e] ?? 0;
      const list = byClaimed.get(j);
      if (list === undefined) byClaimed.set(j, [from[e] ?? 0]);
      else list.push(from[e] ?? 0);
    }
    return byClaimed;
  });

  const known = (id: string): number => {
    const i = index.get(id);
    if (i === undefined) {
      throw new DiprError("FAMILY_UNKNOWN_APPLICATION", `Application ${id} is neither in the family input nor referenced by it.`, { id });
    }
    return i;
  };

  // Groups are built on first use and cached: one pass over the nodes, then a sort per group.
  const groupsOf = (find: (i: number) => number | string): (i: number) => readonly string[] => {
    let groups: Map<number | string, string[]> | undefined;
    return (i) => {
      if (groups === undefined) {
        groups = new Map();
        for (let k = 0; k < n; k++) {
          if (apps[k] === undefined) continue;
          const key = find(k);
          const list = groups.get(key);
          if (list === undefined) groups.set(key, [ids[k] ?? ""]);
          else list.push(ids[k] ?? "");
        }
        for (const list of groups.values()) list.sort(byId);
      }
      return groups.get(find(i)) ?? [];
    };
  };

  const sets = new Map<number, readonly string[]>();
  const inProgress = new Set<number>();
  const prioritySetOf = (i: number): readonly string[] => {
    const cached = sets.get(i);
    if (cached !== undefined) return cached;
    const app = apps[i];
    let result: readonly string[];
    const parent = app?.parent === undefined ? undefined : index.get(app.parent.id);
    if (app?.parent !== undefined && INHERITS_PRIORITIES.has(app.parent.kind) && parent !== undefined && apps[parent] !== undefined && !inProgress.has(parent)) {
      inProgress.add(i);
      result = prioritySetOf(parent);
      inProgress.delete(i);
    } else {
      const own = [...new Set((app?.claims ?? []).filter((c) => COUNTS_FOR_SIMPLE.has(c.status ?? "valid")).map((c) => c.id))].sort(byId);
      result = own.length === 0 ? [ids[i] ?? ""] : own;
    }
    sets.set(i, result);
    return result;
  };
  const simpleKey = (i: number): string => prioritySetOf(i).join("\u0000");

  const extendedGroups = groupsOf((i) => extended.find(i));
  const domesticGroups = groupsOf((i) => domestic().find(i));
  const simpleGroups = groupsOf(simpleKey);

  const filingDay = (i: number): string => apps[i]?.filingDate ?? "\uffff";

  return {
    simpleFamily: (id) => simpleGroups(known(id)),
    extendedFamily: (id) => extendedGroups(known(id)),
    domesticFamily: (id) => domesticGroups(known(id)),
    claimantsOf: (id) => (claimants().get(known(id)) ?? []).map((k) => ids[k] ?? "").sort(byId),
    prioritySet: (id) => prioritySetOf(known(id)),
    priorityChain(id) {
      const chain: string[] = [];
      const visited = new Set<number>();
      let current: number | undefined = known(id);
      while (current !== undefined && !visited.has(current)) {
        visited.add(current);
        chain.push(ids[current] ?? "");
        const claims: readonly { id: string }[] = apps[current]?.claims ?? [];
        let next: number | undefined;
        for (const claim of claims) {
          const j = index.get(claim.id);
          if (j === undefined) continue;
          if (next === undefined || filingDay(j) < filingDay(next) || (filingDay(j) === filingDay(next) && byId(claim.id, ids[next] ?? "") < 0)) next = j;
        }
        current = next;
      }
      return chain;
    },
  };
}

/** One-shot forms of the {@link FamilyIndex} queries; build an index once when asking several questions. */
export const simpleFamily = (apps: readonly FamilyApplication[], id: string): readonly string[] => createFamilyIndex(apps).simpleFamily(id);
export const extendedFamily = (apps: readonly FamilyApplication[], id: string): readonly string[] => createFamilyIndex(apps).extendedFamily(id);
export const domesticFamily = (apps: readonly FamilyApplication[], id: string): readonly string[] => createFamilyIndex(apps).domesticFamily(id);
export const claimantsOf = (apps: readonly FamilyApplication[], id: string): readonly string[] => createFamilyIndex(apps).claimantsOf(id);
export const priorityChain = (apps: readonly FamilyApplication[], id: string): readonly string[] => createFamilyIndex(apps).priorityChain(id);
