import express, { type Request, type RequestHandler } from "express";
import type { z, ZodTypeAny } from "zod";
import { parseApplicationNumber, parseOfficeCode, type IpType, type ParsedApplicationNumber } from "../domain/index.js";
import { DiprError } from "../errors.js";
import { validationError, withTarget, type FieldProblem } from "./problem.js";

/** Validates `value` against `schema`; a failure is one API_VALIDATION_FAILED naming every bad field. */
export function parseWith<S extends ZodTypeAny>(schema: S, value: unknown, prefix = ""): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, prefix);
  return result.data;
}

/**
 * The query as a plain object for the schemas. A repeated parameter (?a=1&a=2) is refused by name here, rather
 * than reaching a schema as an array ("Expected number, received nan") or being silently reduced to one value.
 */
export function plainQuery(req: Request): Record<string, unknown> {
  // A for-in copy of the parser's null-prototype object: 3x faster than Object.fromEntries(Object.entries(...)).
  // The copy has no prototype either: on a plain object, `plain["__proto__"] = v` would set the prototype instead
  // of a key, and ?__proto__=1 would slip past the schemas' unknown-key check.
  const query = req.query as Record<string, unknown>;
  const plain: Record<string, unknown> = Object.create(null);
  let repeated: FieldProblem[] | undefined;
  for (const key in query) {
    const value = query[key];
    if (Array.isArray(value)) {
      (repeated ??= []).push({ code: "REPEATED_PARAMETER", message: `${key} is given ${value.length} times; give it once`, target: key });
    }
    plain[key] = value;
  }
  if (repeated) throw new DiprError("API_VALIDATION_FAILED", repeated.map((e) => e.message).join("; "), { errors: repeated });
  return plain;
}

export const parseOffice = (target: string, value: string): string => withTarget(target, () => parseOfficeCode(value));

export function parseNumber(target: string, office: string, value: string, options: { ipType?: IpType; filingDate?: string } = {}): ParsedApplicationNumber {
  return withTarget(target, () => parseApplicationNumber(office, value, options));
}

/** Picks the response media type among `offered`, or throws API_NOT_ACCEPTABLE. */
export function negotiate<T extends string>(req: Request, offered: readonly T[]): T {
  // No Accept header (most API clients) or */* takes the first offer, as negotiation would, without parsing.
  const accept = req.headers.accept;
  if (accept === undefined || accept === "*/*") return offered[0]!;
  const chosen = req.accepts([...offered]);
  if (chosen === false) {
    throw new DiprError("API_NOT_ACCEPTABLE", `This resource is available as ${offered.join(", ")}, not ${req.get("accept") ?? ""}.`);
  }
  return chosen as T;
}

/** A POST route's body: JSON only (415 otherwise), parsed up to `maxBodyBytes`. GET routes skip the parser. */
export function jsonBody(maxBodyBytes: number): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    next(req.is("application/json") ? undefined : new DiprError("API_UNSUPPORTED_MEDIA_TYPE", "Send the request body as application/json."));
  };
  return [requireJson, express.json({ limit: maxBodyBytes, type: "application/json" })];
}
