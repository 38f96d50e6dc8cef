import type { ContractTransactionResponse, Interface, TransactionReceipt } from "ethers";
import { expect } from "vitest";
import { decodeRevert } from "../../src/chain/revert.js";

/** Compares chain values loosely: bigint/number by value, hex strings case-insensitively, arrays deeply. */
export function normalise(value: unknown): unknown {
  if (typeof value === "bigint" || typeof value === "number") return `n:${value.toString()}`;
  if (typeof value === "string") return value.startsWith("0x") ? value.toLowerCase() : value;
  if (Array.isArray(value)) return value.map(normalise);
  return value;
}

/** Awaits `action` and asserts it reverts with the custom error `name` and, when given, exactly `args`. */
export async function expectRevert(
  action: Promise<unknown>,
  iface: Interface,
  name: string,
  args?: readonly unknown[],
): Promise<void> {
  let caught: unknown = undefined;
  let reverted = false;
  try {
    await action;
  } catch (error) {
    caught = error;
    reverted = true;
  }
  expect(reverted, `expected a revert with ${name}`).toBe(true);
  const decoded = decodeRevert(caught, iface);
  expect(decoded?.name, `revert of ${String(caught)}`).toBe(name);
  if (args !== undefined) expect(normalise(decoded?.args)).toEqual(normalise(args));
}

export type DecodedEvent = Readonly<{ name: string; args: unknown[] }>;

/** The register's events in a receipt, in log order (logs of other contracts are ignored). */
export function eventsOf(receipt: TransactionReceipt | null, iface: Interface): DecodedEvent[] {
  if (receipt === null) throw new Error("transaction has no receipt");
  return receipt.logs.flatMap((log) => {
    const parsed = iface.parseLog(log);
    return parsed ? [{ name: parsed.name, args: parsed.args.toArray(true) }] : [];
  });
}

export async function eventsOfTx(tx: Promise<ContractTransactionResponse>, iface: Interface): Promise<DecodedEvent[]> {
  return eventsOf(await (await tx).wait(), iface);
}

/** Asserts the decoded events equal `expected` (names and arguments, in order). */
export function expectEvents(actual: DecodedEvent[], expected: ReadonlyArray<readonly [string, readonly unknown[]]>) {
  expect(actual.map((e) => [e.name, normalise(e.args)])).toEqual(expected.map(([n, a]) => [n, normalise(a)]));
}
