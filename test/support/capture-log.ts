import { createLogger, type Logger } from "../../src/log.js";

/** A logger writing JSON lines into memory, as pino's own tests do; `lines` are parsed. */
export function captureLog(level: "debug" | "info" = "info"): { log: Logger; lines: Record<string, unknown>[]; count: (msg: string) => number } {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level, destination: { write: (chunk: string) => void lines.push(JSON.parse(chunk) as Record<string, unknown>) } });
  return { log, lines, count: (msg) => lines.filter((l) => l.msg === msg).length };
}
