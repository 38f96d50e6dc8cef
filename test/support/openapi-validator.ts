import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect } from "vitest";

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
type Document = { paths: Record<string, Record<string, Operation>>; components?: unknown };

export type ResponseValidator = Readonly<{
  /** Asserts that `body` is what the document promises for this method, path, status and media type. */
  check: (method: string, url: string, status: number, contentType: string | null, body: unknown) => void;
}>;

const pointer = (segment: string) => encodeURIComponent(segment.replace(/~/g, "~0").replace(/\//g, "~1"));

/**
 * Validates API responses against the server's own `/openapi.json`: each body against the schema of its
 * operation, status and media type; a status the document does not list for the operation fails the test.
 */
export function createResponseValidator(document: Document, base = "/api/v1"): ResponseValidator {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  ajv.addSchema(document as object, "openapi");
  const templates = Object.keys(document.paths).map((template) => ({
    template,
    regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
  }));
  const problemValidator = ajv.compile({ $ref: "openapi#/components/schemas/Problem" });

  return {
    check(method, url, status, contentType, body) {
      const path = new URL(url, "http://x").pathname;
      const relative = path.startsWith(base) ? path.slice(base.length) : path;
      const media = (contentType ?? "").split(";")[0]!.trim();
      const match = templates.find((t) => t.regex.test(relative) && document.paths[t.template]![method.toLowerCase()]);
      if (!match) {
        // Outside the documented operations only problem bodies may come back (404 for unknown routes).
        expect(media, `${method} ${path} → ${status}`).toBe("application/problem+json");
        expect(problemValidator(body), JSON.stringify(problemValidator.errors)).toBe(true);
        return;
      }
      const operation = document.paths[match.template]![method.toLowerCase()]!;
      const response = operation.responses?.[String(status)];
      expect(response, `${method} ${match.template} does not document status ${status}`).toBeDefined();
      const content = response!.content?.[media];
      expect(content, `${method} ${match.template} ${status} does not document ${media}`).toBeDefined();
      if (media !== "application/json" && media !== "application/problem+json") return;
      const ref = `openapi#/paths/${pointer(match.template)}/${method.toLowerCase()}/responses/${status}/content/${pointer(media)}/schema`;
      const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
      expect(validate(body), `${method} ${path} ${status}: ${JSON.stringify(validate.errors)}`).toBe(true);
    },
  };
}
