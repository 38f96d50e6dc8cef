import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { ClaimInput } from "../office/application-input.js";
import { fileError, type ImportRow } from "./rows.js";

/**
 * The office's ST.96 XML of applications (`dipr import FILE.xml`): one `pat:BibliographicData` per application, as
 * the document's root or as children of any root element, each with
 *
 *     pat:ApplicationIdentification / com:IPOfficeCode, com:ApplicationNumber / com:ApplicationNumberText, pat:FilingDate
 *     pat:PriorityClaimBag / pat:PriorityClaim* / com:IPOfficeCode, com:ApplicationNumber / com:ApplicationNumberText, pat:FilingDate
 *
 * (domain.md 5.1–5.2). Elements are matched by their local name, so any prefix (or none) works, and `pat:` spellings
 * of the number (`pat:ApplicationNumber`, `pat:ApplicationNumberText`) are read as well. Every record is a patent
 * (the patent namespace; ST.96 trade mark and design records use other elements). Other elements are ignored.
 */
export const RECORD_ELEMENT = "BibliographicData";

type XmlNode = Record<string, unknown> & { [key: symbol]: { startIndex?: number } | undefined };

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  // Values stay text: "0012" must not become 12, nor "2024-03-01" anything but itself.
  parseTagValue: false,
  trimValues: true,
  captureMetaData: true,
  processEntities: true,
  isArray: (name) => name === RECORD_ELEMENT || name === "PriorityClaim",
});

/** Line numbers (1-based) of character offsets, by binary search over the newline offsets. */
function lineFinder(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

const asNode = (value: unknown): XmlNode | undefined => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as XmlNode) : undefined);

/** The text of a leaf element, "" when it is absent (the domain core then names the missing field). */
const textOf = (value: unknown): string => (typeof value === "string" ? value : typeof value === "number" ? String(value) : "");

/** `com:ApplicationNumber/com:ApplicationNumberText`, or the text of `ApplicationNumber` itself. */
function numberOf(node: XmlNode | undefined): string {
  const number = node?.ApplicationNumber;
  const inner = asNode(number);
  return inner ? textOf(inner.ApplicationNumberText) : textOf(number ?? node?.ApplicationNumberText);
}

/** Every record element in document order, at any depth. */
function collectRecords(node: unknown, out: XmlNode[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRecords(item, out);
    return;
  }
  const object = asNode(node);
  if (!object) return;
  for (const [key, value] of Object.entries(object)) {
    if (key === RECORD_ELEMENT) {
      // An empty element parses as "": it is still a record, with every field missing.
      for (const record of value as unknown[]) out.push(asNode(record) ?? ({} as XmlNode));
    } else {
      collectRecords(value, out);
    }
  }
}

/**
 * Parses an ST.96 XML file of applications into typed rows; the values are judged later, record by record.
 * @throws DiprError IMPORT_FILE_INVALID for XML that is not well formed (with its line) or holds no record.
 */
export function parseApplicationsSt96(text: string, source = "applications file"): ImportRow[] {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw fileError(source, [{ line: valid.err.line, message: `not well-formed XML: ${valid.err.msg}` }]);
  const lineOf = lineFinder(text);
  const records: XmlNode[] = [];
  collectRecords(parser.parse(text), records);
  if (records.length === 0) throw fileError(source, [{ line: 1, message: `no pat:${RECORD_ELEMENT} element (one per application)` }]);
  let lastLine = 1;
  return records.map((record) => {
    const start = record[META]?.startIndex;
    // An empty record carries no position: it follows the one before it.
    const line = start === undefined ? lastLine : lineOf(start);
    lastLine = line;
    const identification = asNode(record.ApplicationIdentification);
    const claims = ((asNode(record.PriorityClaimBag)?.PriorityClaim as unknown[] | undefined) ?? []).map((entry): ClaimInput => {
      const claim = asNode(entry);
      return { office: textOf(claim?.IPOfficeCode), number: numberOf(claim), filingDate: textOf(claim?.FilingDate) };
    });
    return {
      line,
      input: {
        office: textOf(identification?.IPOfficeCode),
        number: numberOf(identification),
        filingDate: textOf(identification?.FilingDate ?? record.FilingDate),
        ipType: "patent",
        ...(claims.length > 0 && { claims }),
      },
    };
  });
}
