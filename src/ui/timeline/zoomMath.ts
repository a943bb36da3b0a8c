/**
 * The window after zooming [start, end] by `factor` about `center` (< 1 in, > 1 out): the time
 * under the pointer stays where it is on screen.
 */
export function zoomAbout(start: number, end: number, center: number, factor: number): { start: number; end: number } {
  const f = Number.isFinite(factor) && factor > 0 ? factor : 1;
  const c = Math.min(end, Math.max(start, center));
  return { start: c - (c - start) * f, end: c + (end - c) * f };
}
