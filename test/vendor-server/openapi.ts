import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';

/** Helpers to test the reference vendor server against docs/vendor-api.openapi.json. */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

export const OPENAPI_FILE = join(__dirname, '..', '..', 'docs', 'vendor-api.openapi.json');
export const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

export function loadOpenApi(): JsonObject {
  return JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as JsonObject;
}

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Follows a local `#/a/b` reference. */
export function resolvePointer(doc: JsonObject, ref: string): Json {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported: ${ref}`);
  let node: Json = doc;
  for (const part of ref.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) || !(key in node)) throw new Error(`unresolvable $ref ${ref}`);
    node = node[key];
  }
  return node;
}

/** Inlines every $ref (the document has no recursive schemas). */
export function deref(doc: JsonObject, node: Json, seen: string[] = []): Json {
  if (Array.isArray(node)) return node.map((n) => deref(doc, n, seen));
  if (!isObject(node)) return node;
  if (typeof node.$ref === 'string') {
    if (seen.includes(node.$ref)) throw new Error(`recursive $ref ${node.$ref}`);
    return deref(doc, resolvePointer(doc, node.$ref), [...seen, node.$ref]);
  }
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) out[k] = deref(doc, v, seen);
  return out;
}

/** OpenAPI 3.0 schema (already dereferenced) → JSON Schema ajv understands: `nullable`, `example`. */
export function toJsonSchema(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'nullable' || k === 'example' || k === 'description') continue;
    out[k] =
      k === 'properties' && isObject(v)
        ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, toJsonSchema(s)]))
        : toJsonSchema(v);
  }
  if (schema.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  return out;
}

/** RFC 3339 full-date naming a real day (JavaScript's Date would roll 2026-02-30 over to March). */
function isRealDate(text: string): boolean {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** RFC 3339 date-time (section 5.6): full-date "T" time with Z or a numeric offset. */
function isDateTime(text: string): boolean {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-](\d\d):(\d\d))$/i.exec(text);
  if (!m || !isRealDate(m[1]!)) return false;
  const [h, min, sec] = [Number(m[2]), Number(m[3]), Number(m[4])];
  const offsetOk = m[6]!.toUpperCase() === 'Z' || (Number(m[7]) <= 23 && Number(m[8]) <= 59);
  return h <= 23 && min <= 59 && sec <= 60 && offsetOk;
}

export function newAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajv.addFormat('date-time', { type: 'string', validate: isDateTime });
  ajv.addFormat('date', { type: 'string', validate: isRealDate });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  return ajv;
}

export interface Operation {
  path: string;
  method: (typeof METHODS)[number];
  operationId: string;
  op: JsonObject;
}

export class OpenApiContract {
  readonly doc = loadOpenApi();
  private readonly ajv = newAjv();
  private readonly cache = new Map<string, ValidateFunction>();

  operations(): Operation[] {
    const ops: Operation[] = [];
    for (const [path, item] of Object.entries(this.doc.paths as JsonObject)) {
      if (!isObject(item)) continue;
      for (const method of METHODS) {
        const op = item[method];
        if (isObject(op)) ops.push({ path, method, operationId: String(op.operationId), op });
      }
    }
    return ops;
  }

  operation(operationId: string): Operation {
    const op = this.operations().find((o) => o.operationId === operationId);
    if (!op) throw new Error(`no operation ${operationId} in the OpenAPI document`);
    return op;
  }

  /** The documented response for a status, dereferenced; undefined if the status is not documented. */
  response(operationId: string, status: number): JsonObject | undefined {
    const responses = this.operation(operationId).op.responses as JsonObject;
    const r = responses[String(status)] ?? responses.default;
    return r === undefined ? undefined : (deref(this.doc, r) as JsonObject);
  }

  private compile(key: string, schema: Json): ValidateFunction {
    let v = this.cache.get(key);
    if (!v) {
      v = this.ajv.compile(toJsonSchema(schema) as object);
      this.cache.set(key, v);
    }
    return v;
  }

  /** Validator of the JSON body of a documented response; null when the response has no body. */
  responseValidator(operationId: string, status: number): ValidateFunction | null {
    const r = this.response(operationId, status);
    if (!r) throw new Error(`${operationId}: status ${status} is not documented`);
    const schema = (r.content as JsonObject | undefined)?.['application/json'];
    if (!isObject(schema)) return null;
    return this.compile(`res ${operationId} ${status}`, schema.schema);
  }

  requestValidator(operationId: string): ValidateFunction {
    const rb = deref(this.doc, this.operation(operationId).op.requestBody ?? null) as JsonObject | null;
    const schema = (rb?.content as JsonObject | undefined)?.['application/json'];
    if (!isObject(schema)) throw new Error(`${operationId} has no JSON request body`);
    return this.compile(`req ${operationId}`, schema.schema);
  }

  /** Documented response headers (lower-case names) that are marked required. */
  requiredHeaders(operationId: string, status: number): string[] {
    const headers = this.response(operationId, status)?.headers;
    if (!isObject(headers)) return [];
    return Object.entries(headers)
      .filter(([, h]) => isObject(h) && h.required === true)
      .map(([name]) => name.toLowerCase());
  }

  componentValidator(name: string): ValidateFunction {
    return this.compile(`component ${name}`, deref(this.doc, { $ref: `#/components/schemas/${name}` }));
  }
}
