import type { IRouter } from "express";
import { DiprError } from "../errors.js";

/**
 * Answers every other method on `path` with 405 and the `Allow` header (RFC 9110 §15.5.6): the resource exists, so
 * a 404 would tell a client the wrong thing. Register it after the path's own routes (express tries routes in
 * order). HEAD is allowed wherever GET is: express answers it from the GET route.
 */
export function allowMethods(router: IRouter, path: string, methods: readonly ("GET" | "POST")[]): void {
  const allow = [...methods, ...(methods.includes("GET") ? ["HEAD"] : [])].join(", ");
  router.all(path, (req, res, next) => {
    res.setHeader("allow", allow);
    // OPTIONS asks exactly what Allow says (CORS preflights are answered earlier, when CORS is on).
    if (req.method === "OPTIONS") {
      res.status(204).end();
      return;
    }
    next(new DiprError("API_METHOD_NOT_ALLOWED", `${req.method} is not supported here; this resource allows ${allow}.`, { allow }));
  });
}
