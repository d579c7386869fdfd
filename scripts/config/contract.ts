/**
 * The configuration contract: vendor.config.json against its JSON Schema (vendor.config.schema.json,
 * checked with ajv), and appsscript.json's rules that depend on it (every urlFetchWhitelist entry an
 * https:// prefix Google accepts, the vendor's apiBaseUrl inside one, the conference solutions and
 * the add-on's name and icon the same in both files).
 *
 * Every mistake becomes ONE line naming the file, the field (or the line and column of broken JSON),
 * what was found and what is expected: a ConfigProblem. The build (esbuild.config.mjs, which bundles
 * this file for itself) and the Node tools (`checkProjectOrExit`) print that line and exit 1. The
 * Apps Script bundle does not carry ajv: src/config/brand.ts keeps its own small shape check.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import {
  AllowlistPrefixError,
  matchesAllowlistPrefix,
  parseAllowlistPrefix,
} from '../../emulator/urlfetch/allowlist';
import schema from '../../vendor.config.schema.json';
import { ToolError } from '../cli';

export const CONFIG_FILE = 'vendor.config.json';
export const MANIFEST_FILE = 'appsscript.json';

/** One mistake in a configuration file; `message` is the whole one-line explanation. */
export class ConfigProblem extends ToolError {
  override name = 'ConfigProblem';
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface ProjectFiles {
  config: JsonObject;
  manifest: JsonObject;
}

const problem = (file: string, field: string, found: string, expected: string) =>
  new ConfigProblem(`${file}: ${field} is ${found}; expected ${expected}`);

/** A value as the line quotes it: JSON, cut short, with its kind when the kind is the mistake. */
function shown(value: unknown, withKind = false): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value) ?? String(value);
  const short = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  const kind = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
  return withKind ? `${short} (${kind})` : short;
}

/** `/solutions/0/recorded` → `solutions[0].recorded`. */
function fieldName(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').slice(1);
  if (child !== undefined) parts.push(child);
  return parts
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((name, p) => (/^\d+$/.test(p) ? `${name}[${p}]` : name ? `${name}.${p}` : p), '');
}

/**
 * The offset of the first character where `text` stops being JSON (V8's messages give no position
 * for some mistakes, e.g. `[1,]`), or -1. A plain recursive descent over JSON's grammar.
 */
function firstErrorOffset(text: string): number {
  let i = 0;
  const stop = (): never => {
    throw i;
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const string = () => {
    if (text[i] !== '"') stop();
    for (i++; i < text.length && text[i] !== '"'; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] < ' ') stop();
    }
    if (i >= text.length) stop();
    i++;
  };
  const sequence = (close: string, item: () => void) => {
    i++;
    ws();
    if (text[i] === close) return void i++;
    for (;;) {
      item();
      ws();
      if (text[i] === close) return void i++;
      if (text[i] !== ',') stop();
      i++;
      ws();
    }
  };
  const value = (): void => {
    ws();
    if (text[i] === '{') {
      sequence('}', () => {
        string();
        ws();
        if (text[i] !== ':') stop();
        i++;
        value();
      });
    } else if (text[i] === '[') sequence(']', value);
    else if (text[i] === '"') string();
    else {
      const literal = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i));
      if (!literal) stop();
      i += (literal as RegExpExecArray)[0].length;
    }
  };
  try {
    value();
    ws();
    return i < text.length ? i : -1;
  } catch (at) {
    return at as number;
  }
}

/** Line and column (1-based) of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Broken JSON as one line: where, what is there, what JSON needs there. */
function brokenJson(text: string, label: string, v8Message: string): ConfigProblem {
  const offset = Math.max(0, firstErrorOffset(text));
  const { line, column } = lineAndColumn(text, offset);
  const found = offset < text.length ? JSON.stringify(text[offset]) : 'the end of the file';
  const v8 = v8Message.split('\n')[0].replace(/ in JSON at position \d+.*$/, '');
  const expected = /^Expected /.test(v8) ? v8.replace(/^Expected /, '') : 'valid JSON';
  const trailingComma = /,\s*$/.test(text.slice(0, offset)) && /^[}\]]$/.test(text[offset] ?? '');
  const hint = trailingComma ? ' (remove the comma before it: JSON allows no trailing comma)' : '';
  return new ConfigProblem(
    `${label}: line ${line}, column ${column}: broken JSON, found ${found}; expected ${expected}${hint}`,
  );
}

/** Parses a JSON file; broken JSON is a ConfigProblem with the line and column. */
export function readJsonFile(path: string, label = path): Json {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    const way = path.startsWith('dist')
      ? 'build it first with npm run build'
      : `restore it: git checkout -- ${path}`;
    throw new ConfigProblem(`${label} is missing; ${way}`);
  }
  try {
    return JSON.parse(text) as Json;
  } catch (e) {
    throw brokenJson(text, label, (e as Error).message);
  }
}

type SchemaNode = {
  $ref?: string;
  enum?: unknown[];
  type?: string;
  pattern?: string;
  patternErrorMessage?: string;
  description?: string;
  properties?: Record<string, SchemaNode>;
};

const definitions = (schema as unknown as { definitions: Record<string, SchemaNode> }).definitions;
const resolved = (node: SchemaNode | undefined): SchemaNode | undefined =>
  node?.$ref ? { ...node, ...definitions[node.$ref.replace('#/definitions/', '')] } : node;

const TYPE_WORDS: Record<string, string> = {
  boolean: 'true or false (a JSON boolean, no quotes)',
  string: 'a string',
  object: 'an object ({...})',
  array: 'a list ([...])',
};

/** What a schema node asks for, in words. */
function expectedOf(node: SchemaNode | undefined): string {
  const n = resolved(node);
  if (!n) return 'a value';
  if (n.enum) return `one of ${n.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (n.patternErrorMessage) return n.patternErrorMessage;
  return TYPE_WORDS[n.type ?? ''] ?? 'a value';
}

/** ajv's first error as the one line. */
function schemaProblem(file: string, error: ErrorObject, root: Json): ConfigProblem {
  const parent = error.parentSchema as SchemaNode | undefined;
  const p = error.params as Record<string, string>;
  const valueAt = (path: string) =>
    path
      .split('/')
      .slice(1)
      .reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], root);
  switch (error.keyword) {
    case 'required':
      return problem(
        file,
        fieldName(error.instancePath, p.missingProperty),
        'missing',
        expectedOf(parent?.properties?.[p.missingProperty]),
      );
    case 'additionalProperties':
      return problem(
        file,
        fieldName(error.instancePath, p.additionalProperty),
        'not a known field',
        `one of ${Object.keys(parent?.properties ?? {}).join(', ')} (see ${CONFIG_FILE.replace('.json', '.schema.json')})`,
      );
    case 'type':
      return problem(
        file,
        fieldName(error.instancePath) || 'the file',
        shown(valueAt(error.instancePath), true),
        TYPE_WORDS[p.type] ?? `a ${p.type}`,
      );
    case 'minItems':
      return problem(file, fieldName(error.instancePath), 'an empty list', `at least ${p.limit} entry`);
    default:
      return problem(
        file,
        fieldName(error.instancePath) || 'the file',
        shown(valueAt(error.instancePath)),
        error.keyword === 'enum' || error.keyword === 'pattern'
          ? expectedOf(parent)
          : (error.message ?? 'what the schema says'),
      );
  }
}

const ajv = new Ajv({ allErrors: false, verbose: true, strict: true });
ajv.addVocabulary(['patternErrorMessage']);
const validateSchema = ajv.compile(schema);

/** vendor.config.json's content against the schema, then what a schema cannot say (unique ids). */
export function checkVendorConfig(value: Json, file = CONFIG_FILE): JsonObject {
  if (!validateSchema(value)) throw schemaProblem(file, validateSchema.errors?.[0] as ErrorObject, value);
  const config = value as JsonObject;
  const ids = (config.solutions as JsonObject[]).map((s) => s.id);
  const again = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  if (again >= 0)
    throw problem(
      file,
      `solutions[${again}].id`,
      `${shown(ids[again])} again`,
      'an id no other solution has',
    );
  return config;
}

/** Every urlFetchWhitelist entry as Google accepts it, and the vendor's apiBaseUrl inside one. */
function checkWhitelist(manifest: JsonObject, config: JsonObject, files: Labels): void {
  const list = manifest.urlFetchWhitelist;
  const example = 'e.g. "https://api.vendor.example/"';
  if (!Array.isArray(list) || list.length === 0)
    throw problem(
      files.manifest,
      'urlFetchWhitelist',
      shown(list),
      `a list of https:// prefixes, ${example}`,
    );
  const prefixes = list.map((entry, i) => {
    try {
      return parseAllowlistPrefix(String(entry));
    } catch (e) {
      if (!(e instanceof AllowlistPrefixError)) throw e;
      const why = e.message.replace(/^.*?: must be /, '');
      throw problem(files.manifest, `urlFetchWhitelist[${i}]`, shown(entry), `${why}, ${example}`);
    }
  });
  const base = new URL(String(config.apiBaseUrl));
  if (!prefixes.some((p) => matchesAllowlistPrefix(base, p)))
    throw problem(
      files.config,
      'apiBaseUrl',
      shown(config.apiBaseUrl),
      `a URL inside ${files.manifest}'s urlFetchWhitelist (${list.join(', ')})`,
    );
}

/** The manifest's conference solutions and add-on name/icon say what vendor.config.json says. */
function checkSolutions(manifest: JsonObject, config: JsonObject, files: Labels): void {
  const addOns = (manifest.addOns ?? {}) as JsonObject;
  const common = (addOns.common ?? {}) as JsonObject;
  const addOn = config.addOn as JsonObject;
  for (const field of ['name', 'logoUrl']) {
    if (common[field] !== addOn[field])
      throw problem(
        files.manifest,
        `addOns.common.${field}`,
        shown(common[field]),
        `${shown(addOn[field])}, as ${files.config}'s addOn.${field} says`,
      );
  }
  const declared = (((addOns.calendar ?? {}) as JsonObject).conferenceSolution ?? []) as JsonObject[];
  const configured = config.solutions as JsonObject[];
  declared.forEach((d, i) => {
    const j = configured.findIndex((c) => c.id === d.id);
    const where = `addOns.calendar.conferenceSolution[${i}]`;
    if (j < 0)
      throw problem(
        files.manifest,
        `${where}.id`,
        shown(d.id),
        `an id of ${files.config}'s solutions (${configured.map((c) => c.id).join(', ')})`,
      );
    for (const field of ['name', 'logoUrl', 'onCreateFunction']) {
      if (d[field] !== configured[j][field])
        throw problem(
          files.manifest,
          `${where}.${field}`,
          shown(d[field]),
          `${shown(configured[j][field])}, as ${files.config}'s solutions[${j}].${field} says`,
        );
    }
  });
  configured.forEach((c, j) => {
    if (!declared.some((d) => d.id === c.id))
      throw problem(
        files.config,
        `solutions[${j}].id`,
        `${shown(c.id)}, which ${files.manifest} does not list`,
        `an entry with this id in ${files.manifest}'s addOns.calendar.conferenceSolution`,
      );
  });
}

interface Labels {
  config: string;
  manifest: string;
}

/** The manifest's rules that involve the configuration (run at every build). */
export function checkManifest(manifest: Json, config: JsonObject, files: Labels): JsonObject {
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest))
    throw problem(files.manifest, 'the file', shown(manifest, true), TYPE_WORDS.object);
  checkWhitelist(manifest, config, files);
  checkSolutions(manifest, config, files);
  return manifest;
}

/** Reads and checks vendor.config.json and appsscript.json in `dir`. Throws a ConfigProblem. */
export function checkProject(dir = '.', manifestFile = MANIFEST_FILE): ProjectFiles {
  const files = { config: CONFIG_FILE, manifest: manifestFile };
  const config = checkVendorConfig(readJsonFile(join(dir, CONFIG_FILE), CONFIG_FILE));
  const manifest = checkManifest(readJsonFile(join(dir, manifestFile), manifestFile), config, files);
  return { config, manifest };
}

/** For a tool's start: the checked files, or the one line on stderr and exit code 1. */
export function checkProjectOrExit(dir = '.', manifestFile = MANIFEST_FILE): ProjectFiles {
  try {
    return checkProject(dir, manifestFile);
  } catch (e) {
    if (!(e instanceof ConfigProblem)) throw e;
    console.error(e.message);
    process.exit(1);
  }
}
