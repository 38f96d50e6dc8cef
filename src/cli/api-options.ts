import type { Command } from "commander";
import { createApiClient, type ApiClient } from "../api-client/index.js";
import { isHttpUrl, loadConfig } from "../config.js";
import { DiprError } from "../errors.js";

export type ApiOptions = { api?: string; json?: boolean };

/** The client of the API named by --api, else DIPR_API_URL, else the local node's. */
export function apiClient(options: ApiOptions): ApiClient {
  if (options.api !== undefined && !isHttpUrl(options.api)) {
    throw new DiprError("CLI_USAGE", `--api must be an http(s) URL such as http://127.0.0.1:3000, not "${options.api}".`);
  }
  const config = loadConfig(process.env, options.api === undefined ? {} : { DIPR_API_URL: options.api });
  return createApiClient({ url: config.apiUrl });
}

/** Adds `--api` and `--json`, the options every examiner's command has. */
export function withApi(command: Command): Command {
  return command
    .option("--api <url>", "the node's query API (DIPR_API_URL; default http://127.0.0.1:3000)")
    .option("--json", "print the API's JSON answer");
}

