import type { ErrorRequestHandler, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import { ZodError } from "zod";
import { DiprError, ERROR_TABLE, isDiprError, type DiprErrorCode } from "../errors.js";

export const PROBLEM_TYPE_BASE = "https://dipr.invalid/problems/";

export type FieldProblem = Readonly<{ code: string; message: string; target: string }>;

export type ProblemBody = Readonly<{
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: readonly FieldProblem[];
}>;

/** An error about one request field: its `target` names the property, as WIPO DAS `details` do. */
export function fieldError(code: DiprErrorCode, target: string, message: string, details: Record<string, unknown> = {}): DiprError {
  return new DiprError(code, message, { ...details, errors: [{ code, message, target }] });
}

/** Runs `parse` and, if it throws a DiprError, rethrows it naming `target` as the offending field. */
export function withTarget<T>(target: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (isDiprError(error) && !Array.isArray(error.details.errors)) {
      throw new DiprError(error.code, error.message, { ...error.details, errors: [{ code: error.code, message: error.message, target }] }, { cause: error });
    }
    throw error;
  }
}

/** Zod's issues as field problems: one per bad field, with the zod issue code in upper case. */
export function zodProblems(error: ZodError, prefix = ""): FieldProblem[] {
  // A prefix ends in a dot ("claims.3."); an issue about the whole value (no path) names the prefix alone.
  const at = (path: readonly (string | number)[]) => (path.length === 0 ? prefix.replace(/\.$/, "") : prefix + path.join("."));
  return error.issues.flatMap((issue) =>
    // One problem per unknown key, each naming its own property.
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ code: "UNRECOGNIZED_KEYS", message: `unknown property ${JSON.stringify(key)}`, target: at([...issue.path, key]) }))
      : [{ code: issue.code.toUpperCase(), message: issue.message, target: at(issue.path) }],
  );
}

export function validationError(error: ZodError, prefix = ""): DiprError {
  const errors = zodProblems(error, prefix);
  return new DiprError("API_VALIDATION_FAILED", errors.map((e) => `${e.target || "(request)"}: ${e.message}`).join("; "), { errors });
}

export function problemOf(code: DiprErrorCode, detail?: string, errors?: readonly FieldProblem[]): ProblemBody {
  const { status, title } = ERROR_TABLE[code];
  return {
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title,
    status,
    code,
    ...(detail === undefined ? {} : { detail }),
    ...(errors === undefined || errors.length === 0 ? {} : { errors }),
  };
}

export function sendProblem(res: Response, body: ProblemBody): void {
  const requestId = res.getHeader("x-request-id");
  res
    .status(body.status)
    .type("application/problem+json")
    .json({ ...body, instance: res.req.originalUrl, ...(typeof requestId === "string" ? { requestId } : {}) });
}

/** Maps body-parser's own errors (bad JSON, too large, wrong charset) to dipr codes. */
function fromHttpError(error: { type?: string; status?: number; message?: string }): ProblemBody | undefined {
  switch (error.type) {
    case "entity.parse.failed":
      return problemOf("API_MALFORMED_BODY", "The request body is not valid JSON.");
    case "entity.too.large":
      return problemOf("API_PAYLOAD_TOO_LARGE", "The request body is larger than the server accepts.");
    case "charset.unsupported":
    case "encoding.unsupported":
      return problemOf("API_UNSUPPORTED_MEDIA_TYPE", error.message);
    default:
      if (typeof error.status === "number" && error.status >= 400 && error.status < 500) {
        return problemOf("API_VALIDATION_FAILED", error.message);
      }
      return undefined;
  }
}

export const routeNotFound: RequestHandler = (req, _res, next) => {
  next(new DiprError("API_ROUTE_NOT_FOUND", `No resource at ${req.method} ${req.path}.`));
};

/**
 * The API's one error middleware: every error becomes an RFC 9457 problem body with a stable `code`. An error
 * that is not a DiprError (a bug) becomes a 500 `API_INTERNAL` without any internal detail; it is logged in full.
 */
export function createProblemHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    let body: ProblemBody | undefined;
    if (isDiprError(error)) {
      const errors = Array.isArray(error.details.errors) ? (error.details.errors as FieldProblem[]) : undefined;
      body = problemOf(error.code, error.message, errors);
    } else if (error instanceof ZodError) {
      const wrapped = validationError(error);
      body = problemOf(wrapped.code, wrapped.message, wrapped.details.errors as FieldProblem[]);
    } else if (typeof error === "object" && error !== null) {
      body = fromHttpError(error as { type?: string; status?: number; message?: string });
    }
    if (body !== undefined && isDiprError(error, "API_STORE_NOT_READY")) {
      // The expected answer of a node that is starting or catching up (readiness probes ask for it): not a fault.
      log.debug({ method: req.method, url: req.originalUrl, code: error.code }, "not ready");
    } else if (body === undefined || body.status >= 500) {
      log.error({ err: error, method: req.method, url: req.originalUrl }, "request failed");
      body ??= problemOf("API_INTERNAL");
    }
    if (res.headersSent) return;
    sendProblem(res, body);
  };
}
