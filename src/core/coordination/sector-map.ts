/**
 * The map of border directions and sectors controlled by the parties (X p.10.1), drawn as SVG from
 * the stored points: no external tiles, nothing fetched. Pure.
 */
import { isParty, type Party } from "./rules.js";

/** A sector to draw: its name, the controlling party and its polygon [longitude, latitude]. */
export interface SectorShape {
  name: string;
  controlledBy: string;
  points: [number, number][];
}

/** Colours per party, distinguishable and legible on white (AA contrast for the labels). */
export const PARTY_COLOURS: Record<Party, string> = { IAB: "#1c5d99", NSC: "#2e7d32", CUSTOMS: "#8e4b00" };

const escapeXml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch,
  );

/** A polygon is usable when it has at least three points, all real coordinates. */
export function validPolygon(points: unknown): points is [number, number][] {
  return (
    Array.isArray(points) &&
    points.length >= 3 &&
    points.length <= 500 &&
    points.every(
      (p) =>
        Array.isArray(p) &&
        p.length === 2 &&
        typeof p[0] === "number" &&
        typeof p[1] === "number" &&
        Math.abs(p[0]) <= 180 &&
        Math.abs(p[1]) <= 90,
    )
  );
}

/**
 * Draws the sectors in an equirectangular projection fitted to their bounding box (latitude
 * scaled by cos φ so shapes keep their proportions at Kazakhstan's latitudes), with a legend.
 */
export function sectorMapSvg(
  sectors: readonly SectorShape[],
  legend: Record<Party, string>,
  title: string,
): string {
  const width = 640;
  const height = 420;
  const pad = 24;
  const all = sectors.flatMap((s) => s.points);
  const lons = all.map((p) => p[0]);
  const lats = all.map((p) => p[1]);
  const minLon = Math.min(...lons, 180);
  const maxLon = Math.max(...lons, -180);
  const minLat = Math.min(...lats, 90);
  const maxLat = Math.max(...lats, -90);
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180) || 1;
  const spanX = Math.max((maxLon - minLon) * k, 1e-6);
  const spanY = Math.max(maxLat - minLat, 1e-6);
  const scale = Math.min((width - 2 * pad) / spanX, (height - 2 * pad - 40) / spanY);
  const x = (lon: number) => pad + (lon - minLon) * k * scale;
  const y = (lat: number) => pad + (maxLat - lat) * scale;
  const shapes = all.length
    ? sectors.map((s) => {
        const colour = isParty(s.controlledBy) ? PARTY_COLOURS[s.controlledBy] : "#555555";
        const pts = s.points.map((p) => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(" ");
        const cx = s.points.reduce((sum, p) => sum + x(p[0]), 0) / s.points.length;
        const cy = s.points.reduce((sum, p) => sum + y(p[1]), 0) / s.points.length;
        return `<g><title>${escapeXml(s.name)}</title><polygon points="${pts}" fill="${colour}" fill-opacity="0.25" stroke="${colour}" stroke-width="2"/><text x="${cx.toFixed(1)}" y="${cy.toFixed(1)}" text-anchor="middle" font-size="12" fill="#111">${escapeXml(s.name)}</text></g>`;
      })
    : [];
  const legendItems = (Object.keys(PARTY_COLOURS) as Party[]).map(
    (p, i) =>
      `<rect x="${pad + i * 200}" y="${height - 28}" width="14" height="14" fill="${PARTY_COLOURS[p]}"/><text x="${pad + i * 200 + 20}" y="${height - 16}" font-size="12" fill="#111">${escapeXml(legend[p])}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(title)}"><title>${escapeXml(title)}</title><rect width="100%" height="100%" fill="#ffffff"/>${shapes.join("")}${legendItems.join("")}</svg>`;
}

/** Why a typed list of sector points was refused: the line (1-based) and what is wrong with it. */
export type PointsProblem =
  | { line: number; problem: "NOT_TWO_NUMBERS" | "LATITUDE_RANGE" | "LONGITUDE_RANGE" }
  | { line: 0; problem: "TOO_FEW" | "TOO_MANY" };

/**
 * Reads a polygon typed one point per line as "latitude, longitude" in decimal degrees (the order
 * maps and GPS receivers show; a comma, semicolon or spaces between, a decimal comma accepted when
 * the separator is a semicolon or spaces) into stored [longitude, latitude] points. Blank lines
 * are skipped.
 */
export function parsePointsText(
  text: string,
): { ok: true; points: [number, number][] } | { ok: false; error: PointsProblem } {
  const points: [number, number][] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const byComma = line.split(/\s*,\s*/);
    const parts = /[;\t]/.test(line)
      ? line.split(/\s*[;\t]\s*/).map((p) => p.replace(",", "."))
      : byComma.length === 2
        ? byComma
        : line.split(/\s+/).map((p) => p.replace(",", "."));
    const numbers = parts.filter((p) => p !== "").map(Number);
    if (numbers.length !== 2 || numbers.some((n) => !Number.isFinite(n))) {
      return { ok: false, error: { line: i + 1, problem: "NOT_TWO_NUMBERS" } };
    }
    const [lat, lon] = numbers as [number, number];
    if (Math.abs(lat) > 90) return { ok: false, error: { line: i + 1, problem: "LATITUDE_RANGE" } };
    if (Math.abs(lon) > 180) return { ok: false, error: { line: i + 1, problem: "LONGITUDE_RANGE" } };
    points.push([lon, lat]);
  }
  if (points.length < 3) return { ok: false, error: { line: 0, problem: "TOO_FEW" } };
  if (points.length > 500) return { ok: false, error: { line: 0, problem: "TOO_MANY" } };
  return { ok: true, points };
}
