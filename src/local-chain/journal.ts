import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { DiprError } from "../errors.js";

/**
 * The local chain's journal: its genesis date, then every request that changed it, with the time of the block
 * that request produced. Replaying the requests with those times on a chain of the same genesis gives the same
 * blocks, hashes included (EDR is deterministic), so an office node's data directory stays valid across restarts.
 */
export type JournalHeader = Readonly<{ journal: "dipr-local-chain"; version: 1; chainId: number; genesisTime: string }>;
export type JournalEntry = Readonly<{ method: string; params: readonly unknown[]; timestamp: number }>;

export type Journal = Readonly<{
  header: JournalHeader;
  entries: readonly JournalEntry[];
  append(entry: JournalEntry): void;
  close(): void;
}>;

/**
 * Opens the journal at `path`, creating it with `header` when absent. A last line cut short by a crash is dropped:
 * its request's block was never acknowledged to anyone who could rely on it being replayed.
 * @throws DiprError LOCAL_CHAIN_JOURNAL when the file is not a journal, or one line before the last is unreadable.
 */
export function openJournal(path: string, header: JournalHeader): Journal {
  let existing: { header: JournalHeader; entries: JournalEntry[] } | undefined;
  if (existsSync(path)) existing = readJournal(path);
  else mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, "a");
  const write = (value: unknown) => {
    writeSync(fd, `${JSON.stringify(value)}\n`);
    // A block someone saw must be in the journal before the answer leaves: fsync per entry (a few per second).
    fsyncSync(fd);
  };
  if (existing === undefined) write(header);
  return {
    header: existing?.header ?? header,
    entries: existing?.entries ?? [],
    append: write,
    close: () => closeSync(fd),
  };
}

function readJournal(path: string): { header: JournalHeader; entries: JournalEntry[] } {
  const lines = readFileSync(path, "utf8").split("\n");
  const complete = lines.slice(0, -1); // the text after the last newline is either empty or a cut line
  const bad = (line: number, why: string) =>
    new DiprError("LOCAL_CHAIN_JOURNAL", `${path} line ${line}: ${why}; remove the directory to start a new local chain`, { path, line });
  const parse = (text: string, line: number): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      throw bad(line, "not JSON");
    }
  };
  if (complete.length === 0) throw bad(1, "no header");
  const header = parse(complete[0]!, 1) as JournalHeader;
  if (header.journal !== "dipr-local-chain" || header.version !== 1) throw bad(1, "not a dipr local-chain journal of version 1");
  const entries = complete.slice(1).map((text, i) => {
    const entry = parse(text, i + 2) as JournalEntry;
    if (typeof entry.method !== "string" || !Array.isArray(entry.params) || !Number.isInteger(entry.timestamp)) throw bad(i + 2, "not a journal entry");
    return entry;
  });
  return { header, entries };
}
