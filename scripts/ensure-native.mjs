// npm running on Node 20 silently skips @nomicfoundation/edr's native package (engines ">= 22"),
// but every npm script runs on the project's Node 22 (the `node` devDependency). This postinstall
// step runs on that Node 22: if the native binding cannot load, it re-runs npm with Node 22 so the
// platform package is installed. See docs/toolchain.md §3.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

function canLoadEdr() {
  try {
    require("@nomicfoundation/edr");
    return true;
  } catch (error) {
    return error;
  }
}

function hasHardhat() {
  try {
    require.resolve("hardhat/package.json");
    return true;
  } catch {
    return false;
  }
}

// `npm install --omit=dev` (an office node): no Hardhat and no project Node 22, so nothing native to ensure; the
// node and every command but `dipr start` and `dipr chain` run on the Node that is there (20 or later).
if (!hasHardhat()) {
  console.error("dipr: development dependencies not installed (npm install --omit=dev): no Hardhat native package to check");
  process.exit(0);
}

const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  console.error(
    `dipr: postinstall runs on Node ${process.version}; expected the project's Node 22 from node_modules/.bin. ` +
      "Is the 'node' devDependency installed?",
  );
  process.exit(1);
}

if (canLoadEdr() !== true) {
  const npmCli = process.env.npm_execpath;
  if (!npmCli) {
    console.error("dipr: @nomicfoundation/edr is missing and npm_execpath is unset; run `npm install` again.");
    process.exit(1);
  }
  console.error(`dipr: installing Hardhat's native package with ${process.version} ...`);
  const result = spawnSync(
    process.execPath,
    [npmCli, "install", "--ignore-scripts", "--no-audit", "--no-fund", "--no-save"],
    { stdio: "inherit" },
  );
  const loaded = canLoadEdr();
  if (result.status !== 0 || loaded !== true) {
    console.error("dipr: Hardhat's native package is still missing:", loaded?.message ?? `npm exited ${result.status}`);
    process.exit(1);
  }
}
