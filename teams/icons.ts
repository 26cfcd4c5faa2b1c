/** The app's icons, drawn in code with pngjs: an envelope, as Teams wants them. */
import { PNG } from 'pngjs';

/** Teams' sizes: the color icon is 192×192, the outline icon 32×32. */
export const ICON_SIZES = { color: 192, outline: 32 } as const;

type Rgba = readonly [number, number, number, number];

const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];
const BT_PURPLE: Rgba = [0x55, 0x14, 0xb4, 255];

/** The color icon: a white envelope on BT purple, inside Teams' safe area (the middle 2/3). */
export function colorIcon(): Buffer {
  return envelopeIcon(ICON_SIZES.color, BT_PURPLE, 6);
}

/** The outline icon: a white envelope on a transparent background, nothing but white and transparent pixels. */
export function outlineIcon(): Buffer {
  return envelopeIcon(ICON_SIZES.outline, CLEAR, 2);
}

function envelopeIcon(size: number, background: Rgba, stroke: number): Buffer {
  const png = new PNG({ width: size, height: size });
  fill(png, () => background);
  // The envelope: a 3:2 rectangle with its flap, centred, two thirds of the icon wide.
  const left = Math.round(size / 6);
  const right = size - 1 - left;
  const top = Math.round(size / 2 - (right - left) / 3);
  const bottom = Math.round(size / 2 + (right - left) / 3);
  const middle = { x: (left + right) / 2, y: (top + bottom) / 2 };
  const edges: [number, number, number, number][] = [
    [left, top, right, top],
    [right, top, right, bottom],
    [right, bottom, left, bottom],
    [left, bottom, left, top],
    [left, top, middle.x, middle.y],
    [right, top, middle.x, middle.y],
  ];
  fill(png, (x, y) => (edges.some((e) => nearSegment(x, y, e, stroke / 2)) ? WHITE : undefined));
  return PNG.sync.write(png);
}

/** Paints every pixel `paint` gives a colour for. */
function fill(png: PNG, paint: (x: number, y: number) => Rgba | undefined): void {
  for (let y = 0; y < png.height; y++)
    for (let x = 0; x < png.width; x++) {
      const colour = paint(x, y);
      if (colour) png.data.set(colour, (y * png.width + x) * 4);
    }
}

/** Whether the centre of pixel (x, y) is within `radius` of the segment. */
function nearSegment(x: number, y: number, [x1, y1, x2, y2]: [number, number, number, number], radius: number) {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)) <= radius;
}
