/**
 * C's printf("%.Nf"): the exact binary value rounded to N decimals, exact halves to even (glibc).
 * JS toFixed rounds exact halves up (0.03125 → "0.0313" where C prints "0.0312"), and
 * prints -0 as "0.0000" where C prints "-0.0000"; both differences are fixed here.
 */
export function cFixed(x: number, digits = 4): string {
  // JS cannot see a NaN's sign bit, so glibc's '-nan' cannot be told apart: every NaN prints 'nan'.
  // Stryker disable next-line EqualityOperator: x is infinite here, never 0
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const abs = Math.abs(x);
  let text = abs.toFixed(digits);
  const scaled = abs * 10 ** digits;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a cheap filter; the exact test below alone decides, and leaves a non-half as toFixed printed it
  if (Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-6) {
    // A possible exact half: compare against the exact decimal expansion of the double.
    // Stryker disable next-line MethodExpression: 100 decimals (toFixed's most) decide the same: a double that is not an exact half differs from it within 60 decimals past `digits`
    const exact = abs.toFixed(Math.min(100, digits + 60));
    const dot = exact.indexOf('.');
    // Truncated to `digits` decimals; its last digit (before the point at 0 decimals) decides the tie.
    const kept = exact.slice(0, dot + 1 + digits).replace(/\.$/, '');
    if (/^50*$/.test(exact.slice(dot + 1 + digits)) && Number(kept.at(-1)) % 2 === 0) text = kept;
  }
  return sign + text;
}
