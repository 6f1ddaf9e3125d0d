// Reads one file out of an npm tarball (gzipped ustar), so the packed manifest can be checked
// exactly as npm will see it, without a tar binary or another dependency.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const block = 512;

/** @param {Buffer} header @param {number} offset @param {number} length */
function field(header, offset, length) {
  const raw = header.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

/**
 * The text of `name` (e.g. `package/package.json`) in the tarball, or undefined if absent.
 * @param {string} tarball
 * @param {string} name
 * @returns {string | undefined}
 */
export function readTarballFile(tarball, name) {
  const tar = gunzipSync(readFileSync(tarball));
  /** @type {string | undefined} */
  let longName;
  for (let offset = 0; offset + block <= tar.length; ) {
    const header = tar.subarray(offset, offset + block);
    if (header.every((byte) => byte === 0)) return undefined;
    const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = field(header, 156, 1);
    const prefix = field(header, 345, 155);
    const path = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    const body = tar.subarray(offset + block, offset + block + size);
    offset += block + Math.ceil(size / block) * block;
    // a pax header ('x') may carry the real path of the entry after it
    longName = type === 'x' ? /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1] : undefined;
    if (type !== 'x' && type !== 'g' && path === name) return body.toString('utf8');
  }
  return undefined;
}
