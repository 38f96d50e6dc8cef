import { spawn } from "node:child_process";
import { describe, expect, test } from "vitest";
import { freePort, PROJECT_ROOT, rpc } from "../support/hardhat-node.js";

/** Starts `npm run chain <args>` in its own process group and waits until a chain answers on `port`. */
async function chainAnswersOn(args: readonly string[], env: Record<string, string>, port: number): Promise<string> {
  const child = spawn("npm", ["run", "--silent", "chain", ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // npm → sh → node: the whole group is stopped below
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm run chain exited with ${child.exitCode}: ${output}`);
      const chainId = await rpc(`http://127.0.0.1:${port}`, "eth_chainId").catch(() => undefined);
      if (chainId !== undefined) return chainId as string;
      if (Date.now() > deadline) throw new Error(`no chain on port ${port}: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    if (child.exitCode === null) process.kill(-child.pid!, "SIGTERM");
    await exited;
  }
}

describe("npm run chain", () => {
  test("takes its port from --port", async () => {
    const port = await freePort();
    expect(await chainAnswersOn(["--", "--port", String(port)], {}, port)).toBe("0x7a69");
  }, 90_000);

  test("takes its port from DIPR_CHAIN_PORT", async () => {
    const port = await freePort();
    expect(await chainAnswersOn([], { DIPR_CHAIN_PORT: String(port) }, port)).toBe("0x7a69");
  }, 90_000);

  test("refuses a bad port with one line and a non-zero exit code", async () => {
    const child = spawn("npm", ["run", "--silent", "chain", "--", "--port", "http"], { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).not.toBe(0);
    expect(stderr.trim().split("\n")).toEqual([expect.stringMatching(/^error CONFIG_INVALID: .*DIPR_CHAIN_PORT/)]);
  }, 60_000);
});
