// Draws media/icon.png (128×128, the Marketplace icon) without any image library: a padlock whose shackle is a
// chain link on an Azure-blue tile. Shapes are signed-distance tests, supersampled 4× for smooth edges, written
// as an RGBA PNG with node's zlib. Run: node media/make-icon.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SIZE = 128;
const SS = 4;

const roundedRect = (x, y, x0, y0, x1, y1, r) => {
  const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return Math.hypot(dx, dy) <= r && x >= x0 && x <= x1 && y >= y0 && y <= y1;
};
const ring = (x, y, cx, cy, rx, ry, width) => {
  const d = Math.hypot((x - cx) / rx, (y - cy) / ry);
  return Math.abs(d - 1) * Math.min(rx, ry) <= width / 2;
};

/** The colour of one sample point, [r, g, b, a]. */
function sample(x, y) {
  const tile = roundedRect(x, y, 4, 4, 124, 124, 22);
  if (!tile) return [0, 0, 0, 0];
  const white = [255, 255, 255, 255];
  const blue = [0, 120, 212, 255];
  const red = [216, 59, 1, 255];
  // Shackle: the upper half of a ring.
  if (y <= 56 && ring(x, y, 64, 52, 24, 26, 9)) return white;
  if (y > 52 && y < 62 && (Math.abs(x - 40) <= 4.5 || Math.abs(x - 88) <= 4.5)) return white;
  // Body.
  const body = roundedRect(x, y, 28, 58, 100, 108, 10);
  if (body) {
    // Two chain links across the body; the right one in Redis red.
    if (ring(x, y, 53, 83, 15, 10, 6)) return blue;
    if (ring(x, y, 75, 83, 15, 10, 6)) return red;
    return white;
  }
  return blue;
}

export function renderIcon() {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let py = 0; py < SIZE; py++) {
    raw[py * (SIZE * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < SIZE; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const c = sample(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS);
          acc[0] += c[0] * c[3];
          acc[1] += c[1] * c[3];
          acc[2] += c[2] * c[3];
          acc[3] += c[3];
        }
      }
      const o = py * (SIZE * 4 + 1) + 1 + px * 4;
      const a = acc[3];
      raw[o] = a ? Math.round(acc[0] / a) : 0;
      raw[o + 1] = a ? Math.round(acc[1] / a) : 0;
      raw[o + 2] = a ? Math.round(acc[2] / a) : 0;
      raw[o + 3] = Math.round(a / (SS * SS));
    }
  }
  return png(SIZE, SIZE, raw);
}

function png(width, height, raw) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return c ^ 0xffffffff;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('./icon.png', import.meta.url), renderIcon());
  console.log('wrote media/icon.png');
}
