// Copies the register's ABI and bytecode from Hardhat's build (artifacts/, not committed) to
// src/chain/artifacts/DiprRegister.json, which is committed: the node, the CLI and the deploy step read that file
// and never need a compile step. `npm run build` runs this; test/chain/shipped-artifact.test.ts fails when the
// committed copy differs from a fresh build.
import { readFileSync, writeFileSync } from "node:fs";

const built = JSON.parse(readFileSync(new URL("../artifacts/contracts/DiprRegister.sol/DiprRegister.json", import.meta.url), "utf8"));
const shipped = { contractName: built.contractName, sourceName: built.sourceName, abi: built.abi, bytecode: built.bytecode };
const target = new URL("../src/chain/artifacts/DiprRegister.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(shipped, null, 2)}\n`);
process.stdout.write(`wrote ${target.pathname}\n`);
