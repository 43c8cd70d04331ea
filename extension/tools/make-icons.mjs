// Draws Rinse's toolbar icons (a white drop on a teal disc) as PNGs:
// icons/icon-{16,32,48,128}.png. Run: node extension/tools/make-icons.mjs
// The PNGs are committed; this script is how they were made.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'icons');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shapes in unit coordinates (0..1).
const inDisc = (x, y) => (x - 0.5) ** 2 + (y - 0.5) ** 2 <= 0.48 ** 2;
function inDrop(x, y) {
  const cx = 0.5, cy = 0.6, r = 0.2;
  if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) return true;
  // The drop's point: a triangle from the circle's tangents up to (0.5, 0.18).
  if (y < 0.18 || y > cy) return false;
  const half = ((y - 0.18) / (cy - 0.18)) * r * 1.02;
  return Math.abs(x - cx) <= half;
}
const inShine = (x, y) => (x - 0.43) ** 2 + (y - 0.63) ** 2 <= 0.055 ** 2 && x < 0.44;

function draw(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const ss = 4; // supersampling per axis
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let disc = 0, drop = 0, shine = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = (px + (sx + 0.5) / ss) / size;
          const y = (py + (sy + 0.5) / ss) / size;
          if (inDisc(x, y)) {
            disc++;
            if (inDrop(x, y)) {
              drop++;
              if (inShine(x, y)) shine++;
            }
          }
        }
      }
      const n = ss * ss;
      const a = disc / n;
      const white = drop / Math.max(disc, 1);
      const tint = shine / Math.max(disc, 1);
      const teal = [11, 122, 117];
      const shade = [170, 225, 222];
      const mix = (c, i) => Math.round(c * (1 - white) + 255 * (white - tint) + shade[i] * tint);
      const o = (py * size + px) * 4;
      rgba[o] = mix(teal[0], 0);
      rgba[o + 1] = mix(teal[1], 1);
      rgba[o + 2] = mix(teal[2], 2);
      rgba[o + 3] = Math.round(a * 255);
    }
  }
  return png(size, rgba);
}

fs.mkdirSync(out, { recursive: true });
for (const size of [16, 32, 48, 128]) fs.writeFileSync(path.join(out, `icon-${size}.png`), draw(size));
console.log('icons written to', out);
