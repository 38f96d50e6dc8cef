import { DiprError } from "../errors.js";

/**
 * dipr's IP types, in the order of the contracts' uint8 enum
 * (Patent=0, UtilityModel=1, IndustrialDesign=2, Trademark=3). Never reorder: the index is stored on chain.
 */
export const IP_TYPES = ["patent", "utilityModel", "industrialDesign", "trademark"] as const;

export type IpType = (typeof IP_TYPES)[number];

/** national, regional, international (ST.36 `priority-claim/@kind`), plus dipr's `provisional` (US). */
export const APPLICATION_KINDS = ["national", "regional", "international", "provisional"] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

export const isIpType = (value: unknown): value is IpType =>
  typeof value === "string" && (IP_TYPES as readonly string[]).includes(value);

/** @throws DiprError IP_TYPE_UNKNOWN */
export function assertIpType(value: unknown): IpType {
  if (!isIpType(value)) {
    throw new DiprError("IP_TYPE_UNKNOWN", `IP type '${String(value)}' is not one of ${IP_TYPES.join(", ")}.`, {
      ipType: value,
    });
  }
  return value;
}

export const ipTypeToIndex = (ipType: IpType): number => IP_TYPES.indexOf(assertIpType(ipType));

/** @throws DiprError IP_TYPE_UNKNOWN for an index outside the enum (e.g. a corrupt chain value). */
export function ipTypeFromIndex(index: number): IpType {
  const ipType = Number.isInteger(index) ? IP_TYPES[index] : undefined;
  if (ipType === undefined) {
    throw new DiprError("IP_TYPE_UNKNOWN", `IP type index ${index} is outside 0..${IP_TYPES.length - 1}.`, {
      index,
    });
  }
  return ipType;
}

/** Paris Art. 4C(1): 12 months for patents and utility models, 6 for industrial designs and trade marks. */
export const PRIORITY_MONTHS: Readonly<Record<IpType, 12 | 6>> = {
  patent: 12,
  utilityModel: 12,
  industrialDesign: 6,
  trademark: 6,
};

/**
 * Two-digit ST.13 IP type codes dipr uses where an office publishes none of its own
 * (the KIPO/IPOS decades of domain.md section 3). Offices with their own codes (DE, KR, BR) map them in their rule.
 */
export const GENERIC_ST13_TYPE_CODE: Readonly<Record<IpType, string>> = {
  patent: "10",
  utilityModel: "20",
  industrialDesign: "30",
  trademark: "40",
};
