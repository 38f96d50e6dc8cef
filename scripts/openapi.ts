// Writes the query API's OpenAPI document to the file named on the command line (default: stdout), for
// `npm run lint:api`: the linters read a file, and the document is generated from the zod schemas at run time.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { createOpenApiDocument } from "../src/api/openapi.js";

const text = `${JSON.stringify(createOpenApiDocument(), null, 2)}\n`;
const target = process.argv[2];
if (target === undefined) process.stdout.write(text);
else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
}
