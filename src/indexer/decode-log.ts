import type { Interface } from "ethers";
import { decodeNumber, type Hex } from "../chain/register-contract.js";
import { DiprError } from "../errors.js";

/** A log exactly as eth_getLogs returns it (quantities are hex strings). */
export type RawLog = Readonly<{
  address: string;
  topics: readonly string[];
  data: string;
  blockNumber: string;
  blockHash: string;
  transactionHash: string;
  transactionIndex: string;
  logIndex: string;
  removed?: boolean;
}>;

/** Where a log sits; `blockTimestamp` (Unix seconds) is added by the indexer from the block's header. */
type Position = Readonly<{ blockNumber: number; blockHash: Hex; transactionHash: Hex; logIndex: number; blockTimestamp?: number }>;

/** A register event, decoded. Numbers are the contract's raw values (days since 1970, enum indexes). */
export type RegisterEvent = Position &
  (
    | { type: "OfficeAdmitted"; office: string; name: string; admin: Hex; adminRole: Hex; signerRole: Hex }
    | { type: "OfficeSuspended" | "OfficeReinstated"; office: string }
    | { type: "OfficeKeysReset"; office: string; admin: Hex; keyEpoch: number; adminRole: Hex; signerRole: Hex }
    | { type: "ApplicationRegistered"; office: string; applicationId: Hex; number: string; filingDate: number; ipType: number }
    | { type: "ApplicationLinked"; office: string; applicationId: Hex; parentId: Hex; linkKind: number }
    | {
        type: "PriorityClaimed";
        office: string;
        applicationId: Hex;
        claimedId: Hex;
        sequence: number;
        claimedOffice: string;
        claimedFilingDate: number;
        claimedNumber: string;
      }
    | { type: "PriorityClaimWithdrawn"; office: string; applicationId: Hex; sequence: number }
    | { type: "FilingDateCorrected"; office: string; applicationId: Hex; previousDate: number; filingDate: number }
    | { type: "IpTypeCorrected"; office: string; applicationId: Hex; previousType: number; ipType: number }
    | { type: "ApplicationCommitted"; office: string; commitment: Hex }
    | { type: "CommitmentClaimed"; office: string; claimant: Hex; claimedCommitment: Hex }
    | { type: "CommitmentRevealed"; office: string; commitment: Hex; applicationId: Hex }
    | {
        type: "DocumentRecorded";
        office: string;
        /** A clear application's id or a blinded one's commitment. */
        applicationId: Hex;
        documentId: Hex;
        kind: number;
        date: number;
        sha256: Hex;
        mediaType: string;
        url: string;
      }
    | { type: "InternationalReferenceRecorded"; office: string; applicationId: Hex; kind: number; text: string }
    | { type: "RoleGranted" | "RoleRevoked"; role: Hex; account: Hex; sender: Hex }
    | { type: "RoleAdminChanged"; role: Hex; previousAdminRole: Hex; newAdminRole: Hex }
    | { type: "Unknown"; topic0: Hex }
  );

export type RegisterEventType = RegisterEvent["type"];

const STATIC_EVENTS = [
  "OfficeSuspended",
  "OfficeReinstated",
  "OfficeKeysReset",
  "ApplicationRegistered",
  "ApplicationLinked",
  "PriorityClaimed",
  "PriorityClaimWithdrawn",
  "FilingDateCorrected",
  "IpTypeCorrected",
  "ApplicationCommitted",
  "CommitmentClaimed",
  "CommitmentRevealed",
  "RoleGranted",
  "RoleRevoked",
  "RoleAdminChanged",
] as const;
type StaticEvent = (typeof STATIC_EVENTS)[number];

/** Data words each static event carries (ABI: one 32-byte word per static field). */
const DATA_WORDS: Record<StaticEvent, number> = {
  OfficeSuspended: 0,
  OfficeReinstated: 0,
  OfficeKeysReset: 3,
  ApplicationRegistered: 3,
  ApplicationLinked: 1,
  PriorityClaimed: 4,
  PriorityClaimWithdrawn: 1,
  FilingDateCorrected: 2,
  IpTypeCorrected: 2,
  ApplicationCommitted: 0,
  CommitmentClaimed: 0,
  CommitmentRevealed: 0,
  RoleGranted: 0,
  RoleRevoked: 0,
  RoleAdminChanged: 0,
};
const TOPICS: Record<StaticEvent, number> = {
  OfficeSuspended: 2,
  OfficeReinstated: 2,
  OfficeKeysReset: 3,
  ApplicationRegistered: 3,
  ApplicationLinked: 4,
  PriorityClaimed: 4,
  PriorityClaimWithdrawn: 3,
  FilingDateCorrected: 3,
  IpTypeCorrected: 3,
  ApplicationCommitted: 3,
  CommitmentClaimed: 4,
  CommitmentRevealed: 4,
  RoleGranted: 4,
  RoleRevoked: 4,
  RoleAdminChanged: 4,
};

// A bytes2 value is left-aligned in its word: the first two bytes (four hex digits after 0x).
const bytes2Text = (word: string): string => String.fromCharCode(parseInt(word.slice(2, 4), 16), parseInt(word.slice(4, 6), 16));
// Word i of the data, as 64 hex digits.
const word = (data: string, i: number): string => data.slice(2 + 64 * i, 66 + 64 * i);
// Small unsigned values (uint8, uint32) sit in the word's last bytes; the rest must be zero for a valid ABI word.
const small = (w: string): number => parseInt(w.slice(48), 16);
const address = (topic: string): Hex => `0x${topic.slice(26).toLowerCase()}`;
const lower = (hex: string): Hex => hex.toLowerCase() as Hex;

export type LogDecoder = Readonly<{
  /** `blockTimestamp`: the Unix seconds of the log's block, from its header (the log does not carry it). */
  decode(log: RawLog, blockTimestamp?: number): RegisterEvent;
  topic0s: readonly Hex[];
}>;

/**
 * Decodes the register's logs. The hot events have only static fields, so they are read straight from the
 * topic and data words (toolchain.md section 8: ethers' parseLog costs ~65 µs a log); OfficeAdmitted carries a
 * string and goes through the ethers Interface.
 * @throws DiprError INDEXER_BAD_LOG for a known event whose topics or data have the wrong size.
 */
export function createLogDecoder(iface: Interface): LogDecoder {
  const byTopic = new Map<string, StaticEvent>();
  for (const name of STATIC_EVENTS) {
    const event = iface.getEvent(name);
    if (!event) throw new TypeError(`the register ABI has no ${name} event`);
    byTopic.set(event.topicHash, name);
  }
  const admitted = iface.getEvent("OfficeAdmitted");
  if (!admitted) throw new TypeError("the register ABI has no OfficeAdmitted event");
  // ethers computes `topicHash` (a keccak) on every access: read it once.
  const admittedTopic = admitted.topicHash;
  // Events with strings, rare next to registrations: decoded by the ethers Interface like OfficeAdmitted.
  const parsedTopics = new Map<string, ParsedEvent>();
  for (const name of PARSED_EVENTS) {
    const event = iface.getEvent(name);
    if (!event) throw new TypeError(`the register ABI has no ${name} event`);
    parsedTopics.set(event.topicHash, name);
  }

  function decode(log: RawLog, blockTimestamp?: number): RegisterEvent {
    const position: Position = {
      blockNumber: parseInt(log.blockNumber, 16),
      blockHash: lower(log.blockHash),
      transactionHash: lower(log.transactionHash),
      logIndex: parseInt(log.logIndex, 16),
      ...(blockTimestamp === undefined ? {} : { blockTimestamp }),
    };
    const topics = log.topics;
    const topic0 = lower(topics[0] ?? "0x");
    if (topic0 === admittedTopic) {
      const parsed = iface.parseLog({ topics: [...topics], data: log.data });
      if (!parsed) throw badLog(log, "OfficeAdmitted");
      return {
        ...position,
        type: "OfficeAdmitted",
        office: bytes2Text(String(parsed.args.getValue("office"))),
        name: String(parsed.args.getValue("name")),
        admin: lower(String(parsed.args.getValue("admin"))),
        adminRole: lower(String(parsed.args.getValue("adminRole"))),
        signerRole: lower(String(parsed.args.getValue("signerRole"))),
      };
    }
    const parsedType = parsedTopics.get(topic0);
    if (parsedType !== undefined) return decodeParsed(iface, log, position, parsedType);
    const type = byTopic.get(topic0);
    if (type === undefined) return { ...position, type: "Unknown", topic0 };
    const data = log.data;
    if (topics.length !== TOPICS[type] || data.length !== 2 + 64 * DATA_WORDS[type]) throw badLog(log, type);
    const t1 = topics[1]!;
    switch (type) {
      case "OfficeSuspended":
      case "OfficeReinstated":
        return { ...position, type, office: bytes2Text(t1) };
      case "OfficeKeysReset":
        return {
          ...position,
          type,
          office: bytes2Text(t1),
          admin: address(topics[2]!),
          keyEpoch: small(word(data, 0)),
          adminRole: lower(`0x${word(data, 1)}`),
          signerRole: lower(`0x${word(data, 2)}`),
        };
      case "ApplicationRegistered":
        return {
          ...position,
          type,
          office: bytes2Text(t1),
          applicationId: lower(topics[2]!),
          number: decodeNumber(`0x${word(data, 0)}`),
          filingDate: small(word(data, 1)),
          ipType: small(word(data, 2)),
        };
      case "ApplicationLinked":
        return { ...position, type, office: bytes2Text(t1), applicationId: lower(topics[2]!), parentId: lower(topics[3]!), linkKind: small(word(data, 0)) };
      case "PriorityClaimed":
        return {
          ...position,
          type,
          office: bytes2Text(t1),
          applicationId: lower(topics[2]!),
          claimedId: lower(topics[3]!),
          sequence: small(word(data, 0)),
          claimedOffice: bytes2Text(`0x${word(data, 1)}`),
          claimedFilingDate: small(word(data, 2)),
          claimedNumber: decodeNumber(`0x${word(data, 3)}`),
        };
      case "PriorityClaimWithdrawn":
        return { ...position, type, office: bytes2Text(t1), applicationId: lower(topics[2]!), sequence: small(word(data, 0)) };
      case "FilingDateCorrected":
        return {
          ...position,
          type,
          office: bytes2Text(t1),
          applicationId: lower(topics[2]!),
          previousDate: small(word(data, 0)),
          filingDate: small(word(data, 1)),
        };
      case "IpTypeCorrected":
        return {
          ...position,
          type,
          office: bytes2Text(t1),
          applicationId: lower(topics[2]!),
          previousType: small(word(data, 0)),
          ipType: small(word(data, 1)),
        };
      case "ApplicationCommitted":
        return { ...position, type, office: bytes2Text(t1), commitment: lower(topics[2]!) };
      case "CommitmentClaimed":
        return { ...position, type, office: bytes2Text(t1), claimant: lower(topics[2]!), claimedCommitment: lower(topics[3]!) };
      case "CommitmentRevealed":
        return { ...position, type, office: bytes2Text(t1), commitment: lower(topics[2]!), applicationId: lower(topics[3]!) };
      case "RoleGranted":
      case "RoleRevoked":
        return { ...position, type, role: lower(t1), account: address(topics[2]!), sender: address(topics[3]!) };
      case "RoleAdminChanged":
        return { ...position, type, role: lower(t1), previousAdminRole: lower(topics[2]!), newAdminRole: lower(topics[3]!) };
    }
  }

  return { decode, topic0s: [...byTopic.keys(), admittedTopic, ...parsedTopics.keys()] as Hex[] };
}

const PARSED_EVENTS = ["DocumentRecorded", "InternationalReferenceRecorded"] as const;
type ParsedEvent = (typeof PARSED_EVENTS)[number];

function decodeParsed(iface: Interface, log: RawLog, position: Position, type: ParsedEvent): RegisterEvent {
  let parsed: ReturnType<Interface["parseLog"]>;
  try {
    parsed = iface.parseLog({ topics: [...log.topics], data: log.data });
  } catch (error) {
    throw badLog(log, type, error);
  }
  if (!parsed) throw badLog(log, type);
  const value = (name: string) => parsed.args.getValue(name) as unknown;
  const common = { office: bytes2Text(String(value("office"))), applicationId: lower(String(value("applicationId"))), kind: Number(value("kind")) };
  if (type === "InternationalReferenceRecorded") return { ...position, type, ...common, text: String(value("text")) };
  return {
    ...position,
    type,
    ...common,
    documentId: lower(String(value("documentId"))),
    date: Number(value("date")),
    sha256: lower(String(value("sha256"))),
    mediaType: String(value("mediaType")),
    url: String(value("url")),
  };
}

function badLog(log: RawLog, type: string, cause?: unknown): DiprError {
  return new DiprError(
    "INDEXER_BAD_LOG",
    `log ${log.logIndex} of block ${parseInt(log.blockNumber, 16)} is not a valid ${type} event`,
    {
      type,
      blockNumber: parseInt(log.blockNumber, 16),
      transactionHash: log.transactionHash,
      logIndex: parseInt(log.logIndex, 16),
    },
    cause === undefined ? undefined : { cause },
  );
}
