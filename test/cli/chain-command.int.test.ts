import { expect, test } from "vitest";
import { freePort, rpc } from "../support/hardhat-node.js";
import { tempDir } from "../support/indexer-harness.js";
import { startDipr } from "../support/node-process.js";

test("dipr chain serves the persisted local chain until Ctrl-C, and replays it on the next start", async () => {
  const dir = tempDir("dipr-chain-cmd-");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const run = async (expectReplayed: number) => {
    const p = startDipr(["chain", "--dir", dir.path, "--port", String(port)], {});
    try {
      const deadline = Date.now() + 60_000;
      while (!p.stdout().includes("local chain on")) {
        if (p.child.exitCode !== null || Date.now() > deadline) throw new Error(`dipr chain did not start: ${p.stdout()} ${JSON.stringify(p.lines)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(p.stdout()).toBe(`local chain on ${url} (chain id 31337${expectReplayed > 0 ? `, ${expectReplayed} blocks replayed` : ""})\n`);
      expect(await rpc(url, "eth_chainId")).toBe("0x7a69");
      await rpc(url, "evm_mine");
      p.child.kill("SIGINT");
      expect((await p.exited).code).toBe(0);
    } finally {
      if (p.child.exitCode === null) p.child.kill("SIGKILL");
    }
  };
  try {
    await run(0);
    await run(1);
  } finally {
    dir.remove();
  }
}, 120_000);
