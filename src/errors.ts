/**
 * dipr's error codes: one closed union, stable across versions (messages may change).
 * Each code has its meaning and, for the API, its HTTP status in {@link ERROR_TABLE}.
 */
export const ERROR_TABLE = {
  CONFIG_INVALID: { status: 500, title: "Configuration is invalid" },
  CLI_USAGE: { status: 400, title: "Command line is invalid" },
  CHAIN_UNAVAILABLE: { status: 503, title: "The chain node cannot be reached" },
  CHAIN_REVERTED: { status: 422, title: "The register rejected the transaction" },
  DEPLOYMENT_NOT_FOUND: { status: 500, title: "No deployment record for this chain" },
} as const satisfies Record<string, { status: number; title: string }>;

export type DiprErrorCode = keyof typeof ERROR_TABLE;

export class DiprError extends Error {
  override name = "DiprError";
  readonly retryable: boolean;
  constructor(
    readonly code: DiprErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown; retryable?: boolean },
  ) {
    super(message, { cause: options?.cause });
    this.retryable = options?.retryable ?? false;
  }
}

export const isDiprError = (e: unknown, code?: DiprErrorCode): e is DiprError =>
  e instanceof DiprError && (code === undefined || e.code === code);
