import { addDays } from './year-calendar.js';

/**
 * The Vietnamese lunisolar calendar, computed rather than tabulated: months begin on the local
 * day (UTC+7) of an astronomical new moon, month 11 holds the December solstice, and in a year of
 * 13 months the first month without a major solar term is the leap one. Computing at UTC+7 rather
 * than China's UTC+8 is what puts Tết on a different day in some years (1985, 2007).
 *
 * New moons: the periodic terms of Meeus, "Astronomical Algorithms", ch. 49. Sun: the low-accuracy
 * apparent longitude of ch. 25 (about 0.01°, well inside what a day boundary needs).
 */

const RAD = Math.PI / 180;
const ZONE_DAYS = 7 / 24;
const SYNODIC = 29.530588861;

/** Julian day number of a Gregorian date (the civil day, counted from noon). */
function julianDay(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000) + 2_440_588;
}

/** yyyy-mm-dd of a Julian day number. */
function isoOfJulianDay(jd: number): string {
  return new Date((jd - 2_440_588) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * ΔT = TT − UT in days, from the polynomials Espenak and Meeus fitted for NASA's eclipse canon
 * (1961–2150, each within a second or so of the observed or extrapolated value); outside that span
 * their long-term parabola. A second matters only for a new moon within it of local midnight.
 */
function deltaT(jde: number): number {
  const y = 2000 + (jde - 2_451_545) / 365.25;
  let seconds: number;
  if (y < 1961 || y >= 2150) {
    const u = (y - 1820) / 100;
    seconds = -20 + 32 * u * u;
  } else if (y < 1986) {
    const t = y - 1975;
    seconds = 45.45 + 1.067 * t - (t * t) / 260 - (t * t * t) / 718;
  } else if (y < 2005) {
    const t = y - 2000;
    seconds = 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5;
  } else if (y < 2050) {
    const t = y - 2000;
    seconds = 62.92 + 0.32217 * t + 0.005589 * t * t;
  } else {
    const u = (y - 1820) / 100;
    seconds = -20 + 32 * u * u - 0.5628 * (2150 - y);
  }
  return seconds / 86_400;
}

const sin = (deg: number) => Math.sin(deg * RAD);

/** The instant (Julian date, UT) of new moon number k, counted from the one of 6 January 2000. */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const jde = 2_451_550.09766 + SYNODIC * k + 0.00015437 * T2 - 0.00000015 * T3 + 0.00000000073 * T2 * T2;
  const E = 1 - 0.002516 * T - 0.0000074 * T2;
  const M = 2.5534 + 29.1053567 * k - 0.0000014 * T2 - 0.00000011 * T3;
  const Mm = 201.5643 + 385.81693528 * k + 0.0107582 * T2 + 0.00001238 * T3 - 0.000000058 * T2 * T2;
  const F = 160.7108 + 390.67050284 * k - 0.0016118 * T2 - 0.00000227 * T3 + 0.000000011 * T2 * T2;
  const Om = 124.7746 - 1.56375588 * k + 0.0020672 * T2 + 0.00000215 * T3;
  const moon =
    -0.4072 * sin(Mm) +
    0.17241 * E * sin(M) +
    0.01608 * sin(2 * Mm) +
    0.01039 * sin(2 * F) +
    0.00739 * E * sin(Mm - M) -
    0.00514 * E * sin(Mm + M) +
    0.00208 * E * E * sin(2 * M) -
    0.00111 * sin(Mm - 2 * F) -
    0.00057 * sin(Mm + 2 * F) +
    0.00056 * E * sin(2 * Mm + M) -
    0.00042 * sin(3 * Mm) +
    0.00042 * E * sin(M + 2 * F) +
    0.00038 * E * sin(M - 2 * F) -
    0.00024 * E * sin(2 * Mm - M) -
    0.00017 * sin(Om) -
    0.00007 * sin(Mm + 2 * M) +
    0.00004 * sin(2 * Mm - 2 * F) +
    0.00004 * sin(3 * M) +
    0.00003 * sin(Mm + M - 2 * F) +
    0.00003 * sin(2 * Mm + 2 * F) -
    0.00003 * sin(Mm + M + 2 * F) +
    0.00003 * sin(Mm - M + 2 * F) -
    0.00002 * sin(Mm - M - 2 * F) -
    0.00002 * sin(3 * Mm + M) +
    0.00002 * sin(4 * Mm);
  // Planetary perturbations: [amplitude in days, phase, degrees per lunation].
  const planets: [number, number, number][] = [
    [0.000325, 299.77, 0.107408],
    [0.000165, 251.88, 0.016321],
    [0.000164, 251.83, 26.651886],
    [0.000126, 349.42, 36.412478],
    [0.00011, 84.66, 18.206239],
    [0.000062, 141.74, 53.303771],
    [0.00006, 207.14, 2.453732],
    [0.000056, 154.84, 7.30686],
    [0.000047, 34.52, 27.261239],
    [0.000042, 207.19, 0.121824],
    [0.00004, 291.34, 1.844379],
    [0.000037, 161.72, 24.198154],
    [0.000035, 239.56, 25.513099],
    [0.000023, 331.55, 3.592518],
  ];
  let perturbation = 0;
  planets.forEach(([amp, phase, rate], i) => {
    perturbation += amp * sin(phase + rate * k - (i === 0 ? 0.009173 * T2 : 0));
  });
  const tt = jde + moon + perturbation;
  return tt - deltaT(tt);
}

/** The local (UTC+7) day number on which new moon k falls. */
function newMoonDay(k: number): number {
  return Math.floor(newMoon(k) + 0.5 + ZONE_DAYS);
}

/** Apparent longitude of the sun, degrees in [0, 360), at a Julian date (UT is close enough). */
function sunLongitude(jd: number): number {
  const T = (jd - 2_451_545) / 36_525;
  const L0 = 280.46646 + 36_000.76983 * T + 0.0003032 * T * T;
  const M = 357.52911 + 35_999.05029 * T - 0.0001537 * T * T;
  const C = (1.914602 - 0.004817 * T - 0.000014 * T * T) * sin(M) + (0.019993 - 0.000101 * T) * sin(2 * M) + 0.000289 * sin(3 * M);
  const omega = 125.04 - 1934.136 * T;
  const lambda = L0 + C - 0.00569 - 0.00478 * sin(omega);
  return ((lambda % 360) + 360) % 360;
}

/** Which 30° sector the sun is in at local midnight opening a day: 9 means the solstice has passed. */
function sunSector(dayNumber: number): number {
  return Math.floor(sunLongitude(dayNumber - 0.5 - ZONE_DAYS) / 30);
}

/** The lunation index of the last new moon falling on or before a local day. */
function lunationOnOrBefore(dayNumber: number): number {
  let k = Math.floor((dayNumber - 2_451_550.1) / SYNODIC);
  while (newMoonDay(k) > dayNumber) k--;
  while (newMoonDay(k + 1) <= dayNumber) k++;
  return k;
}

/** Lunation index of the month 11 that holds the December solstice of Gregorian year `y`. */
function month11(y: number): number {
  const k = lunationOnOrBefore(julianDay(y, 12, 31));
  return sunSector(newMoonDay(k)) >= 9 ? k - 1 : k;
}

export interface LunarMonth {
  /** 1..12 */
  month: number;
  leap: boolean;
  /** yyyy-mm-dd of its first day */
  start: string;
  /** 29 or 30 */
  length: number;
}

interface Numbered {
  k: number;
  month: number;
  leap: boolean;
}

/** Numbers the lunations from one month 11 up to (not including) the next. */
function cycle(eleven: number, nextEleven: number): Numbered[] {
  // 13 lunations between two months 11: one of them is leap, the first without a major term.
  let leapAt = -1;
  for (let i = 1; nextEleven - eleven === 13 && i <= 12; i++) {
    if (sunSector(newMoonDay(eleven + i)) === sunSector(newMoonDay(eleven + i + 1))) {
      leapAt = i;
      break;
    }
  }
  const out: Numbered[] = [];
  let month = 11;
  for (let i = 0; i < nextEleven - eleven; i++) {
    const leap = i === leapAt;
    if (i > 0 && !leap) month = (month % 12) + 1;
    out.push({ k: eleven + i, month, leap });
  }
  return out;
}

/** The months of lunar year `y` (from its Tết to the day before the next), leap month included. */
export function lunarYear(y: number): LunarMonth[] {
  const [a, b, c] = [month11(y - 1), month11(y), month11(y + 1)];
  const months = [...cycle(a, b), ...cycle(b, c)];
  const tet = months.findIndex((m) => m.month === 1 && !m.leap);
  // The second cycle runs to month 10 of the next year, so it always holds the next Tết.
  const nextTet = months.findIndex((m, i) => i > tet && m.month === 1 && !m.leap);
  return months.slice(tet, nextTet).map((m) => {
    const start = newMoonDay(m.k);
    return { month: m.month, leap: m.leap, start: isoOfJulianDay(start), length: newMoonDay(m.k + 1) - start };
  });
}

/** yyyy-mm-dd of a day in a (non-leap) month of lunar year `y`: solarOfLunar(2027, 3, 10) is Giỗ Tổ 2027. */
export function solarOfLunar(y: number, month: number, day: number): string {
  const m = lunarYear(y).find((x) => x.month === month && !x.leap);
  if (!m || day < 1 || day > m.length) throw new RangeError(`no day ${day}/${month} in lunar year ${y}`);
  return addDays(m.start, day - 1);
}

/** yyyy-mm-dd of Tết Nguyên đán (1/1 âm lịch) in Gregorian year `y`. */
export function lunarNewYear(y: number): string {
  return solarOfLunar(y, 1, 1);
}
