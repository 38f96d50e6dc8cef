import { parseDocumentReference } from "../documents/index.js";
import { documentKindFromCode, epochDayToIso, internationalReferenceKindFromCode, parseInternationalReference } from "../domain/index.js";
import { DiprError, isDiprError } from "../errors.js";
import type { DocumentRecord, InternationalReferenceRecord, RecordProblem, TimedChainRef } from "../store/index.js";
import type { RegisterEvent } from "./decode-log.js";

type DocumentEvent = RegisterEvent & { type: "DocumentRecorded" };
type InternationalReferenceEvent = RegisterEvent & { type: "InternationalReferenceRecorded" };

/** A code the register refuses: only a register of another ABI emits it, so the log is not the event dipr knows. */
function knownCode<T>(e: RegisterEvent, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!isDiprError(error)) throw error;
    throw new DiprError("INDEXER_BAD_LOG", `${e.type} in block ${e.blockNumber} carries ${error.message}`, { type: e.type, blockNumber: e.blockNumber, logIndex: e.logIndex }, { cause: error });
  }
}

/**
 * The store's record of a DocumentRecorded event. The register checks lengths only, so a reference dipr's rules
 * refuse (an upper-case media type, a URL with a password) is kept with its problems: listed, never fetched.
 * @throws DiprError INDEXER_BAD_LOG for a kind code no kind has
 */
export function documentRecordOf(e: DocumentEvent, recordedAt: TimedChainRef): DocumentRecord {
  const kind = knownCode(e, () => documentKindFromCode(e.kind));
  const record: DocumentRecord = {
    documentId: e.documentId,
    applicationId: e.applicationId,
    office: e.office,
    kind,
    date: epochDayToIso(e.date),
    sha256: e.sha256,
    mediaType: e.mediaType,
    url: e.url,
    recordedAt,
  };
  try {
    parseDocumentReference({ applicationId: record.applicationId, kind, date: record.date, sha256: record.sha256, mediaType: record.mediaType, url: record.url });
    return record;
  } catch (error) {
    if (!isDiprError(error, "DOCUMENT_REFERENCE_INVALID")) throw error;
    return { ...record, problems: error.details.errors as RecordProblem[] };
  }
}

/**
 * The store's record of an InternationalReferenceRecorded event, read by dipr's number rules; a text they refuse is
 * kept as recorded, with the problem.
 * @throws DiprError INDEXER_BAD_LOG for a kind code no kind has
 */
export function internationalReferenceRecordOf(e: InternationalReferenceEvent, recordedAt: TimedChainRef): InternationalReferenceRecord {
  const kind = knownCode(e, () => internationalReferenceKindFromCode(e.kind));
  const record: InternationalReferenceRecord = { applicationId: e.applicationId, office: e.office, kind, text: e.text, recordedAt };
  try {
    return { ...record, canonicalId: parseInternationalReference(kind, e.text).canonicalId };
  } catch (error) {
    if (!isDiprError(error)) throw error;
    return { ...record, problem: { code: error.code, message: error.message } };
  }
}
