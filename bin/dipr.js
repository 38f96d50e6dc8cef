#!/usr/bin/env node
// Runs the TypeScript CLI directly: tsx's loader compiles src/ on the fly, so there is no build step.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
