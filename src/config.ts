import { z } from "zod";
import { DiprError } from "./errors.js";

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte hex address");

const ConfigSchema = z.object({
  /** DIPR_DEPLOYMENTS_DIR: where `npm run deploy` writes `<chainId>.json`. */
  deploymentsDir: z.string().min(1).default("deployments"),
  /** DIPR_REGISTRAR: the registrar account of a new deployment; defaults to the deploying account. */
  registrar: address.optional(),
});

export type Config = Readonly<z.infer<typeof ConfigSchema>>;

const ENV_NAMES: Record<keyof Config, string> = {
  deploymentsDir: "DIPR_DEPLOYMENTS_DIR",
  registrar: "DIPR_REGISTRAR",
};

/**
 * The only reader of the environment. Validates every variable at once and throws one `CONFIG_INVALID`
 * error listing every problem, so an operator fixes them all in one pass.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = Object.fromEntries(
    Object.entries(ENV_NAMES).flatMap(([key, name]) => (env[name] === undefined || env[name] === "" ? [] : [[key, env[name]]])),
  );
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]) as keyof Config;
      return { variable: ENV_NAMES[key] ?? key, message: issue.message };
    });
    throw new DiprError(
      "CONFIG_INVALID",
      `invalid configuration: ${problems.map((p) => `${p.variable} ${p.message}`).join("; ")}`,
      { problems },
    );
  }
  return parsed.data;
}
