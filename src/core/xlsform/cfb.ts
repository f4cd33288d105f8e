/**
 * The Compound File Binary format (MS-CFB), the container of an Excel 97-2003 `.xls` workbook (and
 * of a password-protected `.xlsx`): a small file system of fixed-size sectors chained by a table.
 *
 * Read from bytes nobody vouches for: every sector number is checked against the file, every chain
 * is followed at most as many steps as the file has sectors (so a loop ends), and a stream is never
 * larger than the file that holds it (a compound file stores, it does not compress, so there is no
 * bomb to inflate). Only what a reader of one stream needs is here: the header, the sector and mini
 * sector tables, the directory, and reading a stream by name.
 */

/** Why a compound file cannot be read; the caller turns it into a researcher-facing message. */
export class CfbError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CfbError';
  }
}

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
const NO_STREAM = 0xffffffff;
/** Most directory entries read: a workbook has a handful; a directory of millions is not one. */
const MAX_DIRECTORY_ENTRIES = 4096;

export interface CfbEntry {
  name: string;
  /** 1 storage, 2 stream, 5 root. */
  type: number;
  start: number;
  size: number;
}

export function isCfb(bytes: Uint8Array): boolean {
  return SIGNATURE.every((b, i) => bytes[i] === b);
}

const u16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number) => ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16) | ((b[at + 3] ?? 0) << 24)) >>> 0;

/** An opened compound file: its directory, and its streams read on demand. */
export class CompoundFile {
  readonly entries: CfbEntry[];
  private readonly sectorSize: number;
  private readonly fat: Uint32Array;
  private readonly miniFat: Uint32Array;
  private readonly miniStream: Uint8Array;
  private readonly miniCutoff: number;
  /** Sectors after the header. */
  private readonly sectorCount: number;

  constructor(private readonly bytes: Uint8Array) {
    if (bytes.length < 512 || !isCfb(bytes)) throw new CfbError('not a compound file');
    const shift = u16(bytes, 0x1e);
    if (shift !== 9 && shift !== 12) throw new CfbError(`sector size 2^${shift} is not 512 or 4096`);
    this.sectorSize = 1 << shift;
    if (u16(bytes, 0x20) !== 6) throw new CfbError('mini sector size is not 64');
    this.miniCutoff = u32(bytes, 0x38) || 4096;
    const sectors = Math.ceil((bytes.length - this.sectorSize) / this.sectorSize);
    this.sectorCount = sectors;
    const perSector = this.sectorSize / 4;

    // The sector table: its sectors are listed in the header (109) and in a chain of DIFAT sectors.
    const fatCount = u32(bytes, 0x2c);
    if (fatCount > sectors) throw new CfbError('the sector table is larger than the file');
    const fatSectors: number[] = [];
    for (let i = 0; i < 109 && fatSectors.length < fatCount; i++) fatSectors.push(u32(bytes, 0x4c + 4 * i));
    let difat = u32(bytes, 0x44);
    for (let steps = 0; fatSectors.length < fatCount && difat !== END_OF_CHAIN && difat !== FREE; steps++) {
      if (steps > sectors) throw new CfbError('the sector table list loops');
      const at = this.offset(difat, sectors);
      for (let i = 0; i < perSector - 1 && fatSectors.length < fatCount; i++) fatSectors.push(u32(bytes, at + 4 * i));
      difat = u32(bytes, at + 4 * (perSector - 1));
    }
    if (fatSectors.length < fatCount) throw new CfbError('the sector table is incomplete');
    this.fat = new Uint32Array(fatCount * perSector);
    fatSectors.forEach((s, k) => {
      const at = this.offset(s, sectors);
      for (let i = 0; i < perSector; i++) this.fat[k * perSector + i] = u32(bytes, at + 4 * i);
    });

    // The directory: 128-byte entries in a chain of sectors.
    const dir = this.chain(u32(bytes, 0x30), sectors);
    const entries: CfbEntry[] = [];
    for (const s of dir) {
      const at = this.offset(s, sectors);
      for (let e = 0; e < this.sectorSize / 128; e++) {
        if (entries.length >= MAX_DIRECTORY_ENTRIES) throw new CfbError(`more than ${MAX_DIRECTORY_ENTRIES} directory entries`);
        const base = at + e * 128;
        const nameLength = Math.min(u16(bytes, base + 0x40), 64);
        let name = '';
        for (let i = 0; i + 1 < nameLength - 1; i += 2) name += String.fromCharCode(u16(bytes, base + i));
        entries.push({ name, type: bytes[base + 0x42] ?? 0, start: u32(bytes, base + 0x74), size: u32(bytes, base + 0x78) });
      }
    }
    const root = entries[0];
    if (!root || root.type !== 5) throw new CfbError('the directory has no root entry');
    this.entries = entries;

    // The mini stream (the root's stream) holds the streams under the cutoff, in 64-byte sectors.
    const miniFatSectors = u32(bytes, 0x3c) === END_OF_CHAIN ? [] : this.chain(u32(bytes, 0x3c), sectors);
    this.miniFat = new Uint32Array(miniFatSectors.length * perSector);
    miniFatSectors.forEach((s, k) => {
      const at = this.offset(s, sectors);
      for (let i = 0; i < perSector; i++) this.miniFat[k * perSector + i] = u32(bytes, at + 4 * i);
    });
    this.miniStream = root.start === END_OF_CHAIN || root.size === 0 ? new Uint8Array(0) : this.readChain(root.start, root.size, sectors);
  }

  /** The stream of the first entry called `name` (case-insensitive), or undefined. */
  stream(name: string): Uint8Array | undefined {
    const entry = this.entries.find((e) => e.type === 2 && e.name.toLowerCase() === name.toLowerCase());
    if (!entry) return undefined;
    if (entry.size === 0 || entry.start === NO_STREAM) return new Uint8Array(0);
    if (entry.size > this.bytes.length) throw new CfbError(`the stream ${entry.name} is larger than the file`);
    if (entry.size >= this.miniCutoff) return this.readChain(entry.start, entry.size, this.sectorCount);
    // A small stream: 64-byte sectors of the mini stream, chained by the mini table.
    const out = new Uint8Array(entry.size);
    const miniSectors = Math.floor(this.miniStream.length / 64);
    let s = entry.start;
    for (let written = 0, steps = 0; written < entry.size; steps++) {
      if (steps > miniSectors || s >= miniSectors) throw new CfbError(`the stream ${entry.name} is damaged`);
      const part = this.miniStream.subarray(s * 64, s * 64 + Math.min(64, entry.size - written));
      out.set(part, written);
      written += part.length;
      s = this.miniFat[s] ?? END_OF_CHAIN;
    }
    return out;
  }

  private offset(sector: number, sectors: number): number {
    if (sector >= sectors) throw new CfbError('a sector number points outside the file');
    return (sector + 1) * this.sectorSize;
  }

  /** The sectors of a chain, at most one visit per sector of the file. */
  private chain(start: number, sectors: number): number[] {
    const out: number[] = [];
    for (let s = start; s !== END_OF_CHAIN; s = this.fat[s] ?? FREE) {
      if (s === FREE || s >= sectors || out.length > sectors) throw new CfbError('a sector chain is damaged');
      out.push(s);
    }
    return out;
  }

  private readChain(start: number, size: number, sectors: number): Uint8Array {
    const out = new Uint8Array(size);
    let written = 0;
    for (const s of this.chain(start, sectors)) {
      if (written >= size) break;
      const at = this.offset(s, sectors);
      const part = this.bytes.subarray(at, Math.min(at + this.sectorSize, this.bytes.length, at + size - written));
      out.set(part, written);
      written += part.length;
    }
    if (written < size) throw new CfbError('a stream is shorter than it says');
    return out;
  }
}
