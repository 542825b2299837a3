/**
 * Greedy label placement: each label tries a few spots around its point and takes the first
 * that overlaps no label already placed and no reserved box (legend); otherwise it is dropped.
 */
export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface LabelRequest {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly fontSize: number;
  /** Clearance from the point (the symbol's radius). */
  readonly gap: number;
}

export interface PlacedLabel {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly anchor: 'start' | 'middle' | 'end';
  readonly fontSize: number;
}

/** Roboto's average advance is a little over half the font size. */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.54;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

function candidates(r: LabelRequest): { label: PlacedLabel; box: Box }[] {
  const w = textWidth(r.text, r.fontSize);
  const h = r.fontSize;
  const g = r.gap + 3;
  const spots: [number, number, PlacedLabel['anchor']][] = [
    [r.x + g, r.y + h * 0.35, 'start'],
    [r.x - g, r.y + h * 0.35, 'end'],
    [r.x, r.y - g - 2, 'middle'],
    [r.x, r.y + g + h, 'middle'],
    [r.x + g, r.y - g, 'start'],
    [r.x - g, r.y + g + h * 0.6, 'end'],
  ];
  return spots.map(([x, y, anchor]) => {
    const left = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
    return {
      label: { text: r.text, x, y, anchor, fontSize: r.fontSize },
      box: { x0: left - 2, y0: y - h, x1: left + w + 2, y1: y + h * 0.3 },
    };
  });
}

export function placeLabels(
  requests: readonly LabelRequest[],
  reserved: readonly Box[],
  bounds: Box,
): PlacedLabel[] {
  const taken: Box[] = [...reserved];
  const placed: PlacedLabel[] = [];
  for (const r of requests) {
    const spot = candidates(r).find(
      (c) =>
        c.box.x0 >= bounds.x0 &&
        c.box.x1 <= bounds.x1 &&
        c.box.y0 >= bounds.y0 &&
        c.box.y1 <= bounds.y1 &&
        !taken.some((t) => overlaps(t, c.box)),
    );
    if (!spot) continue;
    taken.push(spot.box);
    placed.push(spot.label);
  }
  return placed;
}
