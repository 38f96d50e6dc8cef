/**
 * The check-digit algorithms domain.md 2.4 lists as public. Each takes the digits without the check character.
 */

function digitsOf(digits: string): number[] {
  if (!/^\d+$/.test(digits)) throw new TypeError(`'${digits}' is not a digit string`);
  return [...digits].map(Number);
}

/**
 * EP: Luhn (mod 10) over the 8 digits `YY` + serial, doubling positions 1, 3, 5, 7 counted from the right
 * (domain.md 2.4.1; the same alternating 2-1 weighting as the EPO's published rule for EP numbers).
 */
export function epCheckDigit(digits: string): string {
  const d = digitsOf(digits);
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    const fromRight = d.length - i; // 1-based
    let v = d[i] ?? 0;
    if (fromRight % 2 === 1) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return String((10 - (sum % 10)) % 10);
}

const CN_WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5] as const;

/**
 * CN (CNIPA): digits weighted left to right by 2,3,4,5,6,7,8,9,2,3,4,5; the remainder mod 11 is the check
 * character itself, 10 written `X` (domain.md 2.4.2). Works for the 12-digit form and the old 8-digit form.
 */
export function cnCheckCharacter(digits: string): string {
  const d = digitsOf(digits);
  if (d.length !== 12 && d.length !== 8) throw new TypeError(`CN numbers have 8 or 12 digits, not ${d.length}`);
  let sum = 0;
  for (let i = 0; i < d.length; i++) sum += (d[i] ?? 0) * (CN_WEIGHTS[i] ?? 0);
  const r = sum % 11;
  return r === 10 ? "X" : String(r);
}

/**
 * DE (DPMA, since 1981): digits weighted right to left by 2, 3, 4, ...; r = sum mod 11; check 0 if r = 0, else
 * 11 - r (DPMA Mitteilung Nr. 3/83; 12-digit form since 2004). For r = 1 the result would be 10, which DPMA's
 * notes do not define: `undefined` is returned and the caller stores the number unvalidated (domain.md 2.4.3).
 */
export function deCheckDigit(digits: string): string | undefined {
  const d = digitsOf(digits);
  let sum = 0;
  for (let i = 0; i < d.length; i++) sum += (d[d.length - 1 - i] ?? 0) * (i + 2);
  const r = sum % 11;
  if (r === 0) return "0";
  if (r === 1) return undefined;
  return String(11 - r);
}
