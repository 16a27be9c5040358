// Draws the app's icon (a receipt with a check mark) as SVG and renders the PNG sizes that
// the manifest and iOS need, with Debian's Chromium. The SVGs and PNGs in web/icons/ are its output.
// Usage: node tools/icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'icons');

// Colours from style/main.css: the accent, the "money in" green, a panel white.
const ACCENT = '#1f6feb';
const GREEN = '#067647';
const PAPER = '#ffffff';
const INK = '#b8c7e0';

/** The bottom edge of the receipt: a zigzag from right to left, as torn-off paper. */
function tornEdge(right, left, top, bottom, step) {
  const points = [];
  for (let x = right, i = 0; x >= left; x -= step, i += 1) points.push(`${x} ${i % 2 === 0 ? bottom : top}`);
  return points.join(' L');
}

/** The mark itself, drawn on a 512 × 512 grid. */
const MARK = `
  <path fill="${PAPER}" d="M152 88 H360 Q376 88 376 104 V416 L${tornEdge(376, 136, 398, 416, 15)} V104 Q136 88 152 88 Z"/>
  <g fill="${INK}">
    <rect x="172" y="136" width="168" height="20" rx="10"/>
    <rect x="172" y="184" width="120" height="20" rx="10"/>
    <rect x="172" y="232" width="144" height="20" rx="10"/>
    <rect x="172" y="280" width="72" height="20" rx="10"/>
  </g>
  <circle cx="340" cy="348" r="84" fill="${GREEN}" stroke="${ACCENT}" stroke-width="16"/>
  <path d="M298 350 L328 380 L384 322" fill="none" stroke="${PAPER}" stroke-width="24"
    stroke-linecap="round" stroke-linejoin="round"/>`;

/**
 * The icon as SVG. A plain icon sits on a rounded tile; a maskable one fills the square and keeps
 * the mark inside the central circle (40 % of the size) that every platform mask leaves visible.
 */
function svg(maskable) {
  const tile = maskable
    ? `<rect width="512" height="512" fill="${ACCENT}"/>`
    : `<rect width="512" height="512" rx="112" fill="${ACCENT}"/>`;
  const mark = maskable ? `<g transform="translate(256 256) scale(0.86) translate(-258 -262)">${MARK}</g>` : MARK;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">${tile}${mark}\n</svg>\n`;
}

/** What to write: the file name, which drawing, and the pixel size (null for the SVG itself). */
const OUTPUTS = [
  ['icon.svg', false, null],
  ['icon-maskable.svg', true, null],
  ['icon-192.png', false, 192],
  ['icon-512.png', false, 512],
  ['icon-maskable-192.png', true, 192],
  ['icon-maskable-512.png', true, 512],
  // iOS rounds the corners itself and shows transparency as black, so it gets the full square.
  ['apple-touch-icon.png', true, 180],
];

mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
try {
  const page = await browser.newPage();
  for (const [name, maskable, size] of OUTPUTS) {
    const source = svg(maskable);
    if (size === null) {
      writeFileSync(join(OUT, name), source);
      continue;
    }
    await page.setViewportSize({ width: size, height: size });
    const data = Buffer.from(source).toString('base64');
    await page.setContent(`<body style="margin:0"><img width="${size}" height="${size}" src="data:image/svg+xml;base64,${data}"></body>`);
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: join(OUT, name), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  }
} finally {
  await browser.close();
}
console.log(`icons written to ${OUT}`);
