/**
 * C's printf("%.Nf"): the exact binary value rounded to N decimals, exact halves to even (glibc).
 * JS toFixed rounds exact halves up (0.03125 → "0.0313" where C prints "0.0312"), and
 * prints -0 as "0.0000" where C prints "-0.0000"; both differences are fixed here.
 */
export function cFixed(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? (Math.sign(x) < 0 ? '-nan' : 'nan') : x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const abs = Math.abs(x);
  let text = abs.toFixed(digits);
  const scaled = abs * 10 ** digits;
  if (Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-6) {
    // A possible exact half: compare against the exact decimal expansion of the double.
    const exact = abs.toFixed(Math.min(100, digits + 60));
    const rest = exact.slice(exact.indexOf('.') + 1 + digits);
    if (/^50*$/.test(rest)) {
      const lastDigit = Number(exact[exact.indexOf('.') + digits]);
      if (lastDigit % 2 === 0) text = exact.slice(0, exact.indexOf('.') + 1 + digits).replace(/\.$/, '');
    }
  }
  return sign + text;
}
