import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { IRouter, Request, Response } from "express";

/**
 * The examiner's web page (issue 15): `index.html`, `page.css` and `page.ts` in this folder. The node bundles
 * `page.ts` (the API client, the verdict words, cytoscape and its dagre layout) with esbuild on the first request
 * and keeps the result in memory: no files written, nothing fetched from elsewhere, so the page works offline and is
 * always the one this build's sources describe.
 */

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
// Run from dist/ (scripts/build-dist.mjs) this module is serve.js beside a transpiled page.js, whose imports name
// the same .js siblings; run from src/ through tsx it is serve.ts beside page.ts. Either bundles to the same page.
const PAGE_ENTRY = import.meta.url.endsWith(".ts") ? "page.ts" : "page.js";

/** The paths the page is served under; every request for them is a GET. */
export const WEB_PATHS = { page: "/", script: "/assets/page.js", style: "/assets/page.css" } as const;

type Asset = Readonly<{ type: string; body: Buffer | string }>;

let bundle: Promise<Asset> | undefined;

/** The page's script, bundled once per process (about a second on a busy machine; later requests are served from memory). */
export function pageScript(): Promise<Asset> {
  // esbuild is loaded with the page's first request: a node whose examiners never open the page does not hold it.
  bundle ??= import("esbuild").then(({ build }) => build({
    entryPoints: [here(PAGE_ENTRY)],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    logLevel: "silent",
  })).then(
    (result) => ({ type: "text/javascript; charset=utf-8", body: Buffer.from(result.outputFiles[0]!.contents) }),
    (error: unknown) => {
      bundle = undefined; // a later request tries again
      throw error;
    },
  );
  return bundle;
}

const files = new Map<string, Promise<Asset>>();
function file(name: string, type: string): Promise<Asset> {
  let found = files.get(name);
  if (!found) {
    found = readFile(here(name)).then((body) => ({ type, body }));
    files.set(name, found);
    found.catch(() => files.delete(name));
  }
  return found;
}

function send(res: Response, asset: Asset): void {
  // The page changes only with the node's build; revalidating costs one request, and a stale script is worse.
  res.setHeader("cache-control", "no-cache");
  res.type(asset.type).send(asset.body);
}

/**
 * The page at `/` for a browser (a request that prefers HTML), and its two assets. A client that asks `/` for JSON
 * (or for anything, like curl and fetch do) still gets the API's pointer to its documentation.
 */
export function addWebRoutes(router: IRouter): void {
  router.get(WEB_PATHS.page, async (req: Request, res, next) => {
    if (req.accepts(["application/json", "text/html"]) !== "text/html") return next();
    send(res, await file("index.html", "text/html; charset=utf-8"));
  });
  router.get(WEB_PATHS.script, async (_req, res) => send(res, await pageScript()));
  router.get(WEB_PATHS.style, async (_req, res) => send(res, await file("page.css", "text/css; charset=utf-8")));
}
