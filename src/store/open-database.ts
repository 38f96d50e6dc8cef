import { mkdirSync } from "node:fs";
import { ClassicLevel } from "classic-level";
import { DiprError } from "../errors.js";
import { SUBLEVELS, type SublevelName } from "./keys.js";

export type Database = ClassicLevel<string, unknown>;
export type Sublevel = ReturnType<Database["sublevel"]>;
export type Sublevels = Readonly<Record<SublevelName, Sublevel>>;

/**
 * Opens (creating if needed) the LevelDB directory and its sublevels, JSON-encoded.
 * @throws DiprError STORE_LOCKED when another process (or handle) holds the directory; Level's error is the cause.
 */
export async function openDatabase(path: string): Promise<{ db: Database; subs: Sublevels }> {
  mkdirSync(path, { recursive: true });
  const db = new ClassicLevel<string, unknown>(path, { keyEncoding: "utf8", valueEncoding: "json" });
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
