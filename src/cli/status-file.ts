import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Cursor } from "../store/index.js";

/**
 * A running node holds LevelDB's exclusive lock, so `dipr node status` from another process cannot open the
 * store. The node therefore also writes its figures to `<dataDir>/node-status.json` once a second while it
 * catches up and after every range once caught up.
 */
export type NodeStatusFile = Readonly<{
  pid: number;
  running: boolean;
  chainId: number;
  registerAddress: string;
  cursor: Cursor;
  headBlock: number;
  /** Applications in the store as of `cursor`. */
  applications: number;
  updatedAt: string;
}>;

export const statusFilePath = (dataDir: string): string => join(dataDir, "node-status.json");

/** Written to a temporary file and renamed, so a reader never sees half a file. */
export function writeStatusFile(dataDir: string, status: NodeStatusFile): void {
  const path = statusFilePath(dataDir);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(status)}\n`);
  renameSync(`${path}.tmp`, path);
}

export function readStatusFile(dataDir: string): NodeStatusFile | undefined {
  try {
    return JSON.parse(readFileSync(statusFilePath(dataDir), "utf8")) as NodeStatusFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
