import { createHash, createHmac } from 'node:crypto';
import type { ServiceContext } from '../context';
import { exception } from './errors';

/**
 * Utilities. Byte arrays follow Apps Script (Java) conventions: arrays of *signed* bytes
 * (-128..127). `sleep(ms)` advances the simulated clock (max 300,000 ms per the reference).
 * `getUuid()` is deterministic from the emulator's seed so runs are reproducible.
 * `formatDate` supports the common SimpleDateFormat letters: G y Y M L d D E u a H k K h m s S z Z X
 * and quoted literals.
 */

export const MAX_SLEEP_MS = 300_000;

export const DigestAlgorithm = {
  MD2: 'MD2',
  MD5: 'MD5',
  SHA_1: 'SHA_1',
  SHA_256: 'SHA_256',
  SHA_384: 'SHA_384',
  SHA_512: 'SHA_512',
} as const;
export const MacAlgorithm = {
  HMAC_MD5: 'HMAC_MD5',
  HMAC_SHA_1: 'HMAC_SHA_1',
  HMAC_SHA_256: 'HMAC_SHA_256',
  HMAC_SHA_384: 'HMAC_SHA_384',
  HMAC_SHA_512: 'HMAC_SHA_512',
} as const;
export const Charset = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const;

const NODE_DIGEST: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

type Bytes = number[];
type Data = string | Bytes;

export function toSignedBytes(buf: Uint8Array): Bytes {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

function encoding(charset?: string): BufferEncoding {
  if (charset === undefined || String(charset) === 'UTF_8') return 'utf8';
  if (String(charset) === 'US_ASCII') return 'latin1';
  throw exception(`Invalid argument: charset`);
}

export function toBuffer(data: Data, charset?: string): Buffer {
  if (typeof data === 'string') return Buffer.from(data, encoding(charset));
  if (Array.isArray(data)) return Buffer.from(data.map((b) => Number(b) & 0xff));
  if (data && typeof (data as { getBytes?: unknown }).getBytes === 'function') {
    return toBuffer((data as unknown as { getBytes(): Bytes }).getBytes());
  }
  return Buffer.from(String(data), encoding(charset));
}

/** Deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Blob {
  getBytes(): Bytes;
  getDataAsString(charset?: string): string;
  getContentType(): string | null;
  setContentType(type: string): Blob;
  getName(): string | null;
  setName(name: string): Blob;
  copyBlob(): Blob;
}

export function newBlob(data: Data, contentType?: string, name?: string): Blob {
  const bytes = toBuffer(data ?? '');
  let type = contentType ?? null;
  let blobName = name ?? null;
  const blob: Blob = {
    getBytes: () => toSignedBytes(bytes),
    getDataAsString: (charset?: string) => bytes.toString(encoding(charset)),
    getContentType: () => type,
    setContentType(t: string) {
      type = t;
      return blob;
    },
    getName: () => blobName,
    setName(n: string) {
      blobName = n;
      return blob;
    },
    copyBlob: () => newBlob(toSignedBytes(bytes), type ?? undefined, blobName ?? undefined),
  };
  return blob;
}

// ---- formatDate -------------------------------------------------------------------------------

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  weekday: number;
  offsetMin: number;
  tzShort: string;
}

function zonedParts(ms: number, timeZone: string): Parts {
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      timeZoneName: 'short',
    });
  } catch {
    // Java's TimeZone.getTimeZone falls back to GMT for unknown ids.
    return zonedParts(ms, 'UTC');
  }
  const p: Record<string, string> = {};
  for (const part of fmt.formatToParts(new Date(ms))) p[part.type] = part.value;
  const year = Number(p.year);
  const month = Number(p.month);
  const day = Number(p.day);
  const hour = Number(p.hour);
  const minute = Number(p.minute);
  const second = Number(p.second);
  const wholeSeconds = Math.floor(ms / 1000) * 1000;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const offsetMin = Math.round((asUtc - wholeSeconds) / 60000);
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday);
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    ms: ((ms % 1000) + 1000) % 1000,
    weekday,
    offsetMin,
    tzShort: p.timeZoneName === 'UTC' ? 'UTC' : p.timeZoneName,
  };
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

function offset(min: number, style: 'Z' | 'X' | 'XX' | 'XXX'): string {
  if (min === 0 && style !== 'Z') return 'Z';
  const sign = min < 0 ? '-' : '+';
  const h = pad(Math.floor(Math.abs(min) / 60), 2);
  const m = pad(Math.abs(min) % 60, 2);
  if (style === 'X') return sign + h;
  if (style === 'XXX') return `${sign}${h}:${m}`;
  return sign + h + m;
}

function dayOfYear(p: Parts): number {
  return Math.round((Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / 86_400_000) + 1;
}

/** One SimpleDateFormat field: letter `c` repeated `n` times. */
function formatField(c: string, n: number, p: Parts): string {
  switch (c) {
    case 'G':
      return 'AD';
    case 'y':
    case 'Y':
      return n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
    case 'M':
    case 'L':
      return n >= 4 ? MONTHS[p.month - 1] : n === 3 ? MONTHS[p.month - 1].slice(0, 3) : pad(p.month, n);
    case 'd':
      return pad(p.day, n);
    case 'D':
      return pad(dayOfYear(p), n);
    case 'E':
      return n >= 4 ? DAYS[p.weekday] : DAYS[p.weekday].slice(0, 3);
    case 'u':
      return pad(p.weekday === 0 ? 7 : p.weekday, n);
    case 'a':
      return p.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(p.hour, n);
    case 'k':
      return pad(p.hour === 0 ? 24 : p.hour, n);
    case 'K':
      return pad(p.hour % 12, n);
    case 'h':
      return pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
    case 'm':
      return pad(p.minute, n);
    case 's':
      return pad(p.second, n);
    case 'S':
      return pad(p.ms, Math.max(n, 3)).slice(0, Math.max(n, 3));
    case 'z':
      return p.tzShort;
    case 'Z':
      return offset(p.offsetMin, 'Z');
    case 'X':
      return offset(p.offsetMin, n === 1 ? 'X' : n === 2 ? 'XX' : 'XXX');
    default:
      throw exception(`Illegal pattern character '${c}'`);
  }
}

/** A quoted literal starting at `pattern[i]` (a quote); `''` inside it is one quote. */
function quotedLiteral(pattern: string, i: number): { text: string; next: number } {
  let text = '';
  let j = i + 1;
  while (j < pattern.length) {
    if (pattern[j] === "'" && pattern[j + 1] === "'") {
      text += "'";
      j += 2;
    } else if (pattern[j] === "'") {
      break;
    } else {
      text += pattern[j++];
    }
  }
  return { text, next: j + 1 };
}

export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const ms = new Date(date as unknown as number).getTime();
  if (Number.isNaN(ms)) throw exception('Invalid argument: date');
  const p = zonedParts(ms, String(timeZone));
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'" && pattern[i + 1] === "'") {
      out += "'";
      i += 2;
    } else if (c === "'") {
      const literal = quotedLiteral(pattern, i);
      out += literal.text;
      i = literal.next;
    } else if (!/[A-Za-z]/.test(c)) {
      out += c;
      i++;
    } else {
      let n = 1;
      while (pattern[i + n] === c) n++;
      i += n;
      out += formatField(c, n, p);
    }
  }
  return out;
}

// ---- the service ------------------------------------------------------------------------------

function digest(algorithm: string, value: Data, charset?: string): number[] {
  const name = NODE_DIGEST[String(algorithm)];
  if (!name) throw exception(`Invalid argument: algorithm`);
  return toSignedBytes(createHash(name).update(toBuffer(value, charset)).digest());
}

function hmac(algorithm: string, value: Data, key: Data, charset?: string): number[] {
  const name = NODE_DIGEST[String(algorithm).replace(/^HMAC_/, '')];
  if (!name) throw exception(`Invalid argument: algorithm`);
  return toSignedBytes(createHmac(name, toBuffer(key, charset)).update(toBuffer(value, charset)).digest());
}

const b64 = (data: Data, charset?: string) => toBuffer(data, charset).toString('base64');
const unb64 = (s: string) => toSignedBytes(Buffer.from(String(s), 'base64'));

/** A version 4 UUID from the emulator's seeded random source (reproducible runs). */
function uuid(random: () => number): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function createUtilities(options: { ctx: ServiceContext; seed?: number }) {
  const { ctx } = options;
  const random = seededRandom(options.seed ?? 1);
  /** Every Utilities computation is one metered call. */
  const compute = <T>(result: () => T): T => {
    ctx.call('utilities.compute');
    return result();
  };
  return {
    DigestAlgorithm,
    MacAlgorithm,
    Charset,
    sleep(milliseconds: number) {
      const ms = Number(milliseconds);
      if (!Number.isFinite(ms) || ms < 0 || ms > MAX_SLEEP_MS)
        throw exception('Invalid argument: milliseconds');
      ctx.call('utilities.sleep', ms);
    },
    computeDigest: (algorithm: string, value: Data, charset?: string) =>
      compute(() => digest(algorithm, value, charset)),
    computeHmacSignature: (algorithm: string, value: Data, key: Data, charset?: string) =>
      compute(() => hmac(algorithm, value, key, charset)),
    computeHmacSha256Signature: (value: Data, key: Data, charset?: string) =>
      compute(() => hmac('HMAC_SHA_256', value, key, charset)),
    base64Encode: (data: Data, charset?: string) => compute(() => b64(data, charset)),
    base64EncodeWebSafe: (data: Data, charset?: string) =>
      compute(() => b64(data, charset).replace(/\+/g, '-').replace(/\//g, '_')),
    base64Decode: (encoded: string, _charset?: string) => compute(() => unb64(encoded)),
    base64DecodeWebSafe: (encoded: string, _charset?: string) =>
      compute(() => unb64(String(encoded).replace(/-/g, '+').replace(/_/g, '/'))),
    getUuid: () => compute(() => uuid(random)),
    formatDate: (date: Date, timeZone: string, format: string) =>
      compute(() => formatDate(date, timeZone, format)),
    newBlob: (data: Data, contentType?: string, name?: string) =>
      compute(() => newBlob(data, contentType, name)),
  };
}
