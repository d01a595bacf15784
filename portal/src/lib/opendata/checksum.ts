/** Checksums published next to each file (DCAT-AP spdx:checksum, the dataset pages), so a download can be verified. */

import { createHash } from 'node:crypto';

/** Lower-case hex SHA-256 of the bytes; a string is hashed as its UTF-8 encoding, the way it is written to disk. */
export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data).digest('hex');
}
