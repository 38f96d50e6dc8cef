import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { applicationIdOf } from "../../src/domain/application-id.js";
import { parseApplicationNumber, type ParseApplicationNumberOptions } from "../../src/domain/application-number.js";
import { deCheckDigit, epCheckDigit } from "../../src/domain/check-digits.js";
import type { IpType } from "../../src/domain/ip-types.js";

// README "Ids": one application, one id, however it is typed; two applications, two ids. The model below says
// what an application IS at each office (the parts that tell two apart) and lists the ways people type it. The
// digit pools are tiny on purpose, so that applications differing only in IP type or check digit meet often.

type Typing = readonly [text: string, options: ParseApplicationNumberOptions];
type App = Readonly<{ office: string; key: string; typings: readonly Typing[] }>;

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const pad = (n: number, width: number) => String(n).padStart(width, "0");
const KANJI: Readonly<Record<IpType, readonly string[]>> = {
  patent: ["特願", "特許願"],
  utilityModel: ["実願", "実用新案登録願"],
  industrialDesign: ["意願", "意匠登録願"],
  trademark: ["商願", "商標登録願"],
};
const ST13: Readonly<Record<IpType, string>> = { patent: "10", utilityModel: "20", industrialDesign: "30", trademark: "40" };
const ALL_TYPES: readonly IpType[] = ["patent", "utilityModel", "industrialDesign", "trademark"];

// JP: four kinds, each numbered in its own series: the kind is part of what the application is.
const jp = fc.record({ ipType: pick(...ALL_TYPES), year: pick(1999, 2023), serial: pick(12, 345) }).map(({ ipType, year, serial }): App => {
  const s6 = pad(serial, 6);
  const typings: Typing[] = [
    ...KANJI[ipType].map((k): Typing => [`${k}${year}-${s6}`, {}]),
    [`${year}-${s6}`, { ipType }],
    [`JP ${year}-${serial}`, { ipType }],
    [`${year}${s6}`, { ipType }],
    [`${ST13[ipType]}${year}${s6}`, {}],
    [`${KANJI[ipType][0]}${year}－${s6}`.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)), {}],
  ];
  if (year === 1999) typings.push([`${KANJI[ipType][0]}平11-${s6}`, {}], [`H11-${s6}`, { ipType }]);
  if (ipType === "patent") typings.push([`${year}-${s6}`, {}]);
  return { office: "JP", key: `${ipType}/${year}/${serial}`, typings };
});

// CA: patents and trade marks are separate 7-digit series; designs have 6 digits.
const ca = fc.record({ ipType: pick<IpType>("patent", "trademark", "industrialDesign"), n: pick(1234567, 3123456) }).map(({ ipType, n }): App => {
  const d = ipType === "industrialDesign" ? String(n).slice(1) : String(n);
  const grouped = d.length === 7 ? `${d[0]},${d.slice(1, 4)},${d.slice(4)}` : `${d.slice(0, 3)},${d.slice(3)}`;
  const typings: Typing[] = [[d, { ipType }], [grouped, { ipType }], [`CA ${grouped}`, { ipType }]];
  if (ipType !== "trademark") typings.push([d, {}]);
  if (ipType !== "industrialDesign") typings.push([`${ST13[ipType]}${d}`, {}]);
  return { office: "CA", key: `${ipType}/${d}`, typings };
});

// EM: trade marks and design files are separate 9-digit series; a design is file + 4 digits.
const em = fc.record({ kind: pick("trademark", "designFile", "design"), n: pick("018123456", "004048098") }).map(({ kind, n }): App => {
  if (kind === "design") return { office: "EM", key: `design/${n}0004`, typings: [[`${n}-0004`, {}], [`${n}0004`, { ipType: "industrialDesign" }]] };
  const ipType: IpType = kind === "trademark" ? "trademark" : "industrialDesign";
  const typings: Typing[] = [[n, { ipType }], [`${ST13[ipType]}${n}`, {}]];
  if (ipType === "trademark") typings.push([n, {}], [`EUTM ${n}`, {}]);
  return { office: "EM", key: `${kind}/${n}`, typings };
});

// GB: the check digit cannot be derived, so it does not tell two applications apart.
const gb = fc.record({ body: pick("2301234", "0123456"), checks: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 3 }) }).map(
  ({ body, checks }): App => ({
    office: "GB",
    key: body,
    typings: [[`GB${body}`, {}], [`${body.slice(0, 2)} ${body.slice(2)}`, {}], ...checks.flatMap((c): Typing[] => [[`GB${body}.${c}`, {}], [`${body}${c}`, {}]])],
  }),
);

// DE: the check digit is derived where the rule defines it (and must then be right), kept as typed where r = 1.
const de = fc.record({ tt: pick("10", "20"), year: pick(2007, 2023), serial: pick("000006", "004488", "123456"), anyCheck: fc.integer({ min: 0, max: 9 }) }).map(
  ({ tt, year, serial, anyCheck }): App => {
    const body = `${tt}${year}${serial}`;
    const check = deCheckDigit(body) ?? String(anyCheck);
    const spaced = `${tt} ${year} ${serial.slice(0, 3)} ${serial.slice(3)}`;
    return { office: "DE", key: body, typings: [[body, {}], [spaced, {}], [`DE ${spaced}.${check}`, {}], [`${body}.${check}`, {}]] };
  },
);

// BR: the check digit's algorithm is not published: with or without it, any digit, one application.
const br = fc.record({ tt: pick("10", "20"), serial: pick("006208", "012345"), check: fc.integer({ min: 0, max: 9 }) }).map(({ tt, serial, check }): App => {
  const body = `${tt}2015${serial}`;
  return { office: "BR", key: body, typings: [[body, {}], [`BR ${tt} 2015 ${serial} ${check}`, {}], [`${body}.${check}`, {}], [`${body}${check}`, {}]] };
});

// EP: Luhn-derived check digit, typed or not.
const ep = pick("23123456", "08020164", "23123457").map((body): App => {
  const spaced = `${body.slice(0, 2)} ${body.slice(2, 5)} ${body.slice(5)}`;
  return { office: "EP", key: body, typings: [[body, {}], [`EP ${spaced}.${epCheckDigit(body)}`, {}], [`${body}${epCheckDigit(body)}`, {}]] };
});

// FR: patents and utility certificates share one 7-digit series: the IP type does not tell them apart.
const fr = pick("2301234", "1909731").map((d): App => ({
  office: "FR",
  key: d,
  typings: [[d, {}], [`FR ${d.slice(0, 2)} ${d.slice(2)}`, { ipType: "patent" }], [d, { ipType: "utilityModel" }]],
}));

// WO: a PCT application is one application whatever IP types it leads to; its receiving office is part of it.
const wo = fc.record({ ro: pick("US", "EP", "IB"), serial: pick("012345", "000001") }).map(({ ro, serial }): App => ({
  office: "WO",
  key: `${ro}/${serial}`,
  typings: [[`PCT/${ro}2023/${serial}`, {}], [`${ro}2023${serial}`, {}], [`pct/${ro}2023/${serial}`, { ipType: "utilityModel" }]],
}));

const arbApp = fc.oneof(jp, ca, em, gb, de, br, ep, fr, wo);

const idOf = (office: string, [text, options]: Typing) => parseApplicationNumber(office, text, options).canonicalId;

describe("ids (README \"Ids\")", () => {
  test("every way of typing one application gives one canonical id and one register id", () => {
    fc.assert(
      fc.property(arbApp, (app) => {
        const ids = new Set(app.typings.map((t) => idOf(app.office, t)));
        expect([...ids]).toHaveLength(1);
        const [id] = [...ids];
        const number = id!.slice(3);
        // The canonical number is itself a way of typing the application.
        expect(parseApplicationNumber(app.office, number).canonicalId).toBe(id);
        expect(number).toMatch(/^[0-9A-Z.]{1,32}$/);
        for (const t of app.typings) expect(applicationIdOf(app.office, parseApplicationNumber(app.office, t[0], t[1]).applicationNumberText)).toBe(applicationIdOf(app.office, number));
      }),
      { numRuns: 300 },
    );
  });

  test("two different applications never share an id", () => {
    fc.assert(
      fc.property(fc.uniqueArray(arbApp, { selector: (a) => `${a.office}/${a.key}`, minLength: 2, maxLength: 12 }), fc.nat(), (apps, seed) => {
        // Any one typing of each: the ids must be as many as the applications.
        const ids = apps.map((a) => idOf(a.office, a.typings[seed % a.typings.length]!));
        expect(new Set(ids).size).toBe(apps.length);
      }),
      { numRuns: 300 },
    );
  });

  test("a patent and a trade mark of the same JP serial are two applications; GB with and without its check digit one", () => {
    expect(idOf("JP", ["特願2023-123456", {}])).toBe("JP:2023123456");
    expect(idOf("JP", ["商願2023-123456", {}])).toBe("JP:402023123456");
    expect(idOf("GB", ["GB2301234.5", {}])).toBe(idOf("GB", ["GB2301234", {}]));
    expect(idOf("DE", ["102023000006.5", {}])).toBe(idOf("DE", ["102023000006", {}]));
  });

  test("st13Number keeps a PCT application's receiving office", () => {
    const us = parseApplicationNumber("WO", "PCT/US2023/012345").st13Number;
    const ep2 = parseApplicationNumber("WO", "PCT/EP2023/012345").st13Number;
    expect(us).toBe("US102023000012345");
    expect(ep2).not.toBe(us);
  });
});
