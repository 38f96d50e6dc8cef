import { mkdirSync } from "node:fs";
import { ClassicLevel } from "classic-level";
import { DiprError } from "../errors.js";
import { SUBLEVELS, type SublevelName } from "./keys.js";

export type Database = ClassicLevel<string, unknown>;
export type Sublevel = ReturnType<Database["sublevel"]>;
export type Sublevels = Readonly<Record<SublevelName, Sublevel>>;

/**
 * LevelDB's memtable: 16 MiB instead of its 4 MiB default. Each full memtable is flushed as a level-0 table that
 * compaction then merges into the levels below, and on this 2-core machine that compaction competes with the
 * indexer and the chain node for CPU. Measured at 100,000 applications (bench/index.ts, CPU by thread): the
 * compaction thread used 4.9–5.3 s instead of 8.0–8.8 s, for up to ~25 MiB more peak RSS (two memtables at most).
 */
const WRITE_BUFFER_BYTES = 16 * 2 ** 20;

/**
 * LevelDB's open files: 80 instead of classic-level's 1,000, so its table cache holds at most 70 tables (ten files
 * go to the log, the manifest and the rest; 74 is LevelDB's floor). On 64-bit Linux LevelDB maps every table in its
 * table cache into memory, and every page a read or a compaction touched stays in the process's RSS until the table
 * leaves the cache; each cached table also keeps its index and filter blocks on the heap. Measured at 1,000,000
 * applications in interleaved rounds (bench/index.ts; docs/performance.md, "Issue 19: memory at 1,000,000"): peak
 * RSS 346 -> 324 MiB (322 in a second run), with no more CPU on any thread (main 70.8 -> 69.1 s, LevelDB 74.9 ->
 * 71.4 s): since a registration no longer reads whether its id exists, few point reads miss and reopen a table.
 * At 100,000 (~60 tables) nothing changes. Larger tables (maxFileSize 8 MiB, 150 files) kept more mapped: 393 MiB.
 */
const MAX_OPEN_FILES = 80;

/**
 * Opens (creating if needed) the LevelDB directory and its sublevels, JSON-encoded.
 * @throws DiprError STORE_LOCKED when another process (or handle) holds the directory; Level's error is the cause.
 */
export async function openDatabase(path: string): Promise<{ db: Database; subs: Sublevels }> {
  mkdirSync(path, { recursive: true });
  const db = new ClassicLevel<string, unknown>(path, { keyEncoding: "utf8", valueEncoding: "json", writeBufferSize: WRITE_BUFFER_BYTES, maxOpenFiles: MAX_OPEN_FILES });
  try {
    await db.open();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    if (cause?.code === "LEVEL_LOCKED") {
      throw new DiprError("STORE_LOCKED", `the data directory ${path} is in use by another process (is a dipr node running?)`, { path }, { cause: error });
    }
    throw new DiprError("STORE_CORRUPT", `cannot open the data directory ${path}: ${(error as Error).message}`, { path }, { cause: error });
  }
  const subs = Object.fromEntries(
    SUBLEVELS.map((name) => [name, db.sublevel<string, unknown>(name, { keyEncoding: "utf8", valueEncoding: "json" })]),
  ) as unknown as Sublevels;
  return { db, subs };
}
