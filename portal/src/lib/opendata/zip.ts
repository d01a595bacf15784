/**
 * A small ZIP writer for the "download everything" bundle: local headers, central directory and end record
 * (PKWARE APPNOTE), DEFLATE through zlib, CRC-32 through zlib.crc32, UTF-8 names. No ZIP64: the bundle
 * stays far below 4 GiB and 65 535 entries, and exceeding either throws instead of writing a corrupt file.
 */

import zlib from 'node:zlib';

export interface ZipInput {
  /** Path inside the archive, '/'-separated, relative (no leading '/', no '..'). */
  name: string;
  data: Buffer;
  modified: Date;
}

const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;
/** General purpose bit 11: the name is UTF-8 (APPNOTE appendix D). */
const FLAG_UTF8 = 0x0800;
/** 2.0: the version that introduced DEFLATE, enough to extract either method. */
const VERSION_NEEDED = 20;
/** Made by "UNIX" (3), spec 2.0, so the external attributes below are read as Unix permissions. */
const VERSION_MADE_BY = (3 << 8) | 20;
/** A regular file with mode 0644, so unzip does not create unreadable files. */
const EXTERNAL_ATTRIBUTES = (0o100644 << 16) >>> 0;
const UINT32_MAX = 0xffffffff;

interface Entry {
  name: Buffer;
  method: number;
  crc: number;
  compressed: Buffer;
  size: number;
  dosTime: number;
  dosDate: number;
  extra: Buffer;
  offset: number;
}

/** Builds the archive in the given order; the same input gives the same bytes. */
export function createZip(files: ZipInput[]): Buffer {
  if (files.length > 0xffff) throw new RangeError(`Too many entries for a ZIP without ZIP64: ${files.length}`);
  const seen = new Set<string>();
  const chunks: Buffer[] = [];
  const entries: Entry[] = [];
  let offset = 0;

  for (const file of files) {
    checkName(file.name, seen);
    if (file.data.length > UINT32_MAX || offset > UINT32_MAX) throw new RangeError(`'${file.name}' needs ZIP64, which is not supported`);
    const name = Buffer.from(file.name, 'utf8');
    const deflated = zlib.deflateRawSync(file.data, { level: 9 });
    // Already-compressed or tiny files grow under DEFLATE; storing them is smaller and just as valid.
    const useDeflate = deflated.length < file.data.length;
    const compressed = useDeflate ? deflated : file.data;
    const { dosTime, dosDate } = dosDateTime(file.modified);
    const entry: Entry = {
      name,
      method: useDeflate ? METHOD_DEFLATE : METHOD_STORE,
      crc: zlib.crc32(file.data) >>> 0,
      compressed,
      size: file.data.length,
      dosTime,
      dosDate,
      extra: extendedTimestamp(file.modified),
      offset,
    };
    const header = localHeader(entry);
    chunks.push(header, name, entry.extra, compressed);
    offset += header.length + name.length + entry.extra.length + compressed.length;
    entries.push(entry);
  }

  const centralStart = offset;
  for (const entry of entries) {
    const header = centralHeader(entry);
    chunks.push(header, entry.name, entry.extra);
    offset += header.length + entry.name.length + entry.extra.length;
  }
  if (offset > UINT32_MAX) throw new RangeError('The archive needs ZIP64, which is not supported');
  chunks.push(endRecord(entries.length, offset - centralStart, centralStart));
  return Buffer.concat(chunks);
}

function checkName(name: string, seen: Set<string>): void {
  // Names are what extraction tools turn into paths: refuse anything that could land outside the folder.
  if (name === '' || name.startsWith('/') || name.includes('\\') || name.split('/').some((part) => part === '..' || part === '')) {
    throw new Error(`Invalid ZIP entry name: ${JSON.stringify(name)}`);
  }
  if (seen.has(name)) throw new Error(`Duplicate ZIP entry name: ${JSON.stringify(name)}`);
  seen.add(name);
}

function localHeader(e: Entry): Buffer {
  const b = Buffer.alloc(30);
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(VERSION_NEEDED, 4);
  b.writeUInt16LE(FLAG_UTF8, 6);
  b.writeUInt16LE(e.method, 8);
  b.writeUInt16LE(e.dosTime, 10);
  b.writeUInt16LE(e.dosDate, 12);
  b.writeUInt32LE(e.crc, 14);
  b.writeUInt32LE(e.compressed.length, 18);
  b.writeUInt32LE(e.size, 22);
  b.writeUInt16LE(e.name.length, 26);
  b.writeUInt16LE(e.extra.length, 28);
  return b;
}

function centralHeader(e: Entry): Buffer {
  const b = Buffer.alloc(46);
  b.writeUInt32LE(0x02014b50, 0);
  b.writeUInt16LE(VERSION_MADE_BY, 4);
  b.writeUInt16LE(VERSION_NEEDED, 6);
  b.writeUInt16LE(FLAG_UTF8, 8);
  b.writeUInt16LE(e.method, 10);
  b.writeUInt16LE(e.dosTime, 12);
  b.writeUInt16LE(e.dosDate, 14);
  b.writeUInt32LE(e.crc, 16);
  b.writeUInt32LE(e.compressed.length, 20);
  b.writeUInt32LE(e.size, 24);
  b.writeUInt16LE(e.name.length, 28);
  b.writeUInt16LE(e.extra.length, 30);
  b.writeUInt16LE(0, 32); // comment length
  b.writeUInt16LE(0, 34); // disk number start
  b.writeUInt16LE(0, 36); // internal attributes
  b.writeUInt32LE(EXTERNAL_ATTRIBUTES, 38);
  b.writeUInt32LE(e.offset, 42);
  return b;
}

function endRecord(count: number, centralSize: number, centralOffset: number): Buffer {
  const b = Buffer.alloc(22);
  b.writeUInt32LE(0x06054b50, 0);
  b.writeUInt16LE(0, 4); // this disk
  b.writeUInt16LE(0, 6); // disk with the central directory
  b.writeUInt16LE(count, 8);
  b.writeUInt16LE(count, 10);
  b.writeUInt32LE(centralSize, 12);
  b.writeUInt32LE(centralOffset, 16);
  b.writeUInt16LE(0, 20); // comment length
  return b;
}

/**
 * MS-DOS date and time. They carry no time zone, and a pure function cannot know the reader's: we write the
 * UTC wall clock (so the result does not depend on the machine that builds it) and add the Info-ZIP extended
 * timestamp below, which tools that know it use to show the right local time. DOS time has 2-second
 * resolution and covers 1980–2107; dates outside are clamped.
 */
export function dosDateTime(date: Date): { dosTime: number; dosDate: number } {
  const t = date.getTime();
  if (Number.isNaN(t)) throw new RangeError('Invalid modification date');
  const min = Date.UTC(1980, 0, 1);
  const max = Date.UTC(2107, 11, 31, 23, 59, 58);
  const d = new Date(Math.min(Math.max(t, min), max));
  return {
    dosTime: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    dosDate: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/** Info-ZIP "UT" extra field (0x5455) with the modification time in Unix seconds, when it fits in 32 bits. */
function extendedTimestamp(date: Date): Buffer {
  const seconds = Math.floor(date.getTime() / 1000);
  if (!(seconds >= 0 && seconds <= 0x7fffffff)) return Buffer.alloc(0);
  const b = Buffer.alloc(9);
  b.writeUInt16LE(0x5455, 0);
  b.writeUInt16LE(5, 2);
  b.writeUInt8(1, 4); // flags: modification time present
  b.writeUInt32LE(seconds, 5);
  return b;
}
