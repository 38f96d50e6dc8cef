import { createRequire } from "node:module";
import hardhatEthers from "@nomicfoundation/hardhat-ethers";
import { configVariable, defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

// The solc npm package's wasm build: compiling needs no download (docs/toolchain.md §4).
// Its version must equal `version`; package.json pins solc to the same release.
const SOLC_VERSION = "0.8.28";

export default defineConfig({
  plugins: [hardhatEthers],
  solidity: {
    version: SOLC_VERSION,
    path: require.resolve("solc/soljson.js"),
    settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun" },
  },
  paths: {
    tests: { solidity: "test/contracts" },
  },
  test: {
    solidity: { fuzz: { runs: 256 } },
  },
  networks: {
    // In-process chain used by the demo and the contract tests.
    hardhat: { type: "edr-simulated", chainType: "l1" },
    // `npm run chain` serves this one; tests point it at their own node with DIPR_LOCALHOST_URL.
    localhost: { type: "http", chainType: "l1", url: process.env.DIPR_LOCALHOST_URL ?? "http://127.0.0.1:8545" },
    // Any other EVM network (a Besu consortium chain, a testnet) by configuration alone:
    // DIPR_RPC_URL=https://... DIPR_DEPLOYER_KEY=0x... npm run deploy -- --network remote
    remote: {
      type: "http",
      chainType: "l1",
      url: configVariable("DIPR_RPC_URL"),
      accounts: [configVariable("DIPR_DEPLOYER_KEY")],
    },
  },
});
