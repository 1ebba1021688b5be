/**
 * The Kazakh individual identification number (IIN, ЖСН/ИИН): 12 digits, the last a check digit.
 * The check digit is the weighted sum of the first 11 digits modulo 11 with weights 1…11; when that
 * remainder is 10 the sum is taken again with weights 3…11, 1, 2; a second 10 means no valid check
 * digit exists, so such a number is never issued.
 */
const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;

function weightedRemainder(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i += 1) sum += (digits[i] ?? 0) * (weights[i] ?? 0);
  return sum % 11;
}

/** The first-pass remainder (weights 1…11) of the first 11 digits; 10 means the second pass decides. */
export function iinFirstRemainder(first11: string): number {
  return weightedRemainder([...first11].map(Number), FIRST_WEIGHTS);
}

/** The check digit for 11 leading digits, or null when none exists (both passes give 10). */
export function iinCheckDigit(first11: string): number | null {
  if (!/^\d{11}$/.test(first11)) return null;
  const digits = [...first11].map(Number);
  const first = weightedRemainder(digits, FIRST_WEIGHTS);
  if (first !== 10) return first;
  const second = weightedRemainder(digits, SECOND_WEIGHTS);
  return second === 10 ? null : second;
}

/** True when the value is 12 digits whose last digit is the official check digit. */
export function isValidIin(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false;
  const check = iinCheckDigit(value.slice(0, 11));
  return check !== null && check === Number(value[11]);
}
