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
 * Opens (creating if needed) the LevelDB directory and its sublevels, JSON-encoded.
 * @throws DiprError STORE_LOCKED when another process (or handle) holds the directory; Level's error is the cause.
 */
export async function openDatabase(path: string): Promise<{ db: Database; subs: Sublevels }> {
  mkdirSync(path, { recursive: true });
  const db = new ClassicLevel<string, unknown>(path, { keyEncoding: "utf8", valueEncoding: "json", writeBufferSize: WRITE_BUFFER_BYTES });
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
