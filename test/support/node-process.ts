import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { PROJECT_ROOT } from "./hardhat-node.js";

export const DIPR_BIN = fileURLToPath(new URL("../../bin/dipr.js", import.meta.url));

export type NodeProcess = Readonly<{
  child: ChildProcess;
  /** Parsed JSON log lines so far (stderr); non-JSON lines are kept under `text`. */
  lines: Record<string, unknown>[];
  /** Resolves with the first line (past or future) matching `predicate`; rejects if the process exits first. */
  waitFor(predicate: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout: () => string;
}>;

/** Another installation of dipr to run instead of this checkout's, and the Node that runs it. */
export type DiprInstall = Readonly<{ root: string; node: string }>;

/** Runs `dipr <args>` (bin/dipr.js) as a child process with the given DIPR_* environment. */
export function startDipr(args: readonly string[], env: Record<string, string>, install?: DiprInstall): NodeProcess {
  const bin = install === undefined ? DIPR_BIN : join(install.root, "bin", "dipr.js");
  const child = spawn(install?.node ?? process.execPath, [bin, ...args], {
    cwd: install?.root ?? PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: Record<string, unknown>[] = [];
  const waiters: { predicate: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] = [];
  let out = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  createInterface({ input: child.stderr! }).on("line", (text) => {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      line = { text }; // the CLI's one-line error message, or a stack trace
    }
    lines.push(line);
    for (const w of [...waiters]) {
      if (w.predicate(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    lines,
    exited,
    stdout: () => out,
    waitFor(predicate, timeoutMs = 60_000) {
      const found = lines.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for a log line; last lines: ${JSON.stringify(lines.slice(-5))}`)), timeoutMs);
        waiters.push({ predicate, resolve: (l) => (clearTimeout(timer), resolve(l)) });
        void exited.then(({ code, signal }) => {
          clearTimeout(timer);
          reject(new Error(`dipr exited (${code ?? signal}) before the awaited line; last lines: ${JSON.stringify(lines.slice(-5))}`));
        });
      });
    },
  };
}

/** Runs `dipr <args>` to completion. */
export async function runDipr(args: readonly string[], env: Record<string, string>, install?: DiprInstall): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = startDipr(args, env, install);
  const { code } = await p.exited;
  return { code, stdout: p.stdout(), stderr: p.lines.map((l) => (typeof l.text === "string" ? l.text : JSON.stringify(l))).join("\n") };
}
