import * as vm from 'node:vm';
import type { ExecutionKind, ExecutionManager } from './execution';

/**
 * Runs the built bundle (`dist/Code.js`) the way Apps Script does:
 *
 * - In a fresh V8 context whose only non-standard globals are the emulated services: no `require`,
 *   `module`, `exports`, `process`, `Buffer`, `setTimeout`, `fetch`...
 * - `Date.now()` and `new Date()` / `Date()` without arguments read the simulated clock; everything
 *   else about `Date` is the context's own.
 * - Each execution loads the script afresh (Apps Script starts every execution with a new runtime:
 *   top-level code runs again and global variables do not survive between executions), unless
 *   `sharedContext: true` is given.
 * - A function can be started only if it is a property of the global object, i.e. a top-level
 *   `function` declaration or `var` (functions inside an IIFE, `let`/`const`/`class` bindings are
 *   not callable); otherwise the execution fails with `Script function not found: <name>`.
 * - Host errors thrown by emulated services pass `instanceof Error` (and `TypeError`...) checks
 *   inside the script, as Apps Script's own exceptions do.
 */

export interface LoadOptions {
  /** File name shown in stack traces. */
  filename?: string;
  /** Keep one context for all executions (globals survive). Default false, as in Apps Script. */
  sharedContext?: boolean;
  /** Default kind for `call` (default 'editor'). */
  kind?: ExecutionKind;
}

export interface CallOptions {
  kind?: ExecutionKind;
  limitMs?: number;
}

export interface LoadedScript {
  /** A top-level function of that name exists (Apps Script's "Script function not found" check). */
  has(name: string): boolean;
  /** Runs `name(...args)` as a new execution. */
  call(name: string, ...args: unknown[]): unknown;
  /** Same, with explicit execution options. */
  callWith(options: CallOptions, name: string, ...args: unknown[]): unknown;
  /** Names of the callable top-level functions. */
  functionNames(): string[];
  /** The most recently created context (the one of the last execution, or the load-time probe). */
  readonly context: vm.Context;
}

const ERROR_CTORS = [
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'ReferenceError',
  'EvalError',
  'URIError',
];

/** Evaluated inside each new context: installs the simulated Date and cross-realm error checks. */
const PRELUDE = `(function (now, hostErrors) {
  'use strict';
  var RealDate = Date;
  function SimDate() {
    if (!new.target) return new RealDate(now()).toString();
    var args = Array.prototype.slice.call(arguments);
    return Reflect.construct(RealDate, args.length === 0 ? [now()] : args, new.target);
  }
  Object.defineProperty(SimDate, 'length', { value: 7 });
  Object.defineProperty(SimDate, 'name', { value: 'Date' });
  SimDate.prototype = RealDate.prototype;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: SimDate, writable: true, configurable: true });
  SimDate.now = function now_() { return now(); };
  Object.defineProperty(SimDate.now, 'name', { value: 'now' });
  SimDate.parse = RealDate.parse;
  SimDate.UTC = RealDate.UTC;
  Object.defineProperty(globalThis, 'Date', { value: SimDate, writable: true, configurable: true, enumerable: false });
  var defaultHasInstance = Function.prototype[Symbol.hasInstance];
  Object.keys(hostErrors).forEach(function (name) {
    var ctor = globalThis[name];
    var host = hostErrors[name];
    Object.defineProperty(ctor, Symbol.hasInstance, {
      configurable: true,
      value: function (v) {
        if (defaultHasInstance.call(this, v)) return true;
        return this === ctor && v instanceof host;
      },
    });
  });
})`;

type ScriptFunction = (...args: unknown[]) => unknown;

/** A fresh V8 context holding the globals, the prelude (simulated Date, host errors) and the script. */
function newScriptContext(
  script: vm.Script,
  prelude: vm.Script,
  globals: Record<string, unknown>,
  now: () => number,
): vm.Context {
  const hostErrors: Record<string, unknown> = {};
  for (const name of ERROR_CTORS) hostErrors[name] = (globalThis as Record<string, unknown>)[name];
  const sandbox: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(globals)) {
    Object.defineProperty(sandbox, name, { value, writable: true, configurable: true, enumerable: false });
  }
  const context = vm.createContext(sandbox, {
    name: 'Apps Script',
    codeGeneration: { strings: true, wasm: false },
  });
  (prelude.runInContext(context) as (n: () => number, e: Record<string, unknown>) => void)(now, hostErrors);
  script.runInContext(context);
  return context;
}

/** A top-level function of the script (never one of the emulated services). */
function scriptFunction(
  context: vm.Context,
  globals: Record<string, unknown>,
  name: string,
): ScriptFunction | undefined {
  const fn = (context as Record<string, unknown>)[name];
  return typeof fn === 'function' && !(name in globals) ? (fn as ScriptFunction) : undefined;
}

export function loadScript(
  code: string,
  globals: Record<string, unknown>,
  exec: ExecutionManager,
  options: LoadOptions = {},
): LoadedScript {
  const script = new vm.Script(code, { filename: options.filename ?? 'Code.js' });
  const prelude = new vm.Script(PRELUDE, { filename: 'emulator-prelude.js' });
  const newContext = () => newScriptContext(script, prelude, globals, () => exec.clock.now());
  let latest = newContext();
  const probe = latest;

  const callWith = (callOptions: CallOptions, name: string, ...args: unknown[]): unknown =>
    exec.run(
      name,
      () => {
        const context = options.sharedContext ? probe : newContext();
        latest = context;
        const fn = scriptFunction(context, globals, name);
        if (!fn) throw new Error(`Script function not found: ${name}`);
        return fn.apply(undefined, args);
      },
      { kind: callOptions.kind ?? options.kind ?? 'editor', limitMs: callOptions.limitMs },
    );

  return {
    has: (name) => scriptFunction(probe, globals, name) !== undefined,
    call: (name, ...args) => callWith({}, name, ...args),
    callWith,
    functionNames: () =>
      Object.getOwnPropertyNames(probe).filter(
        (n) =>
          !(n in globals) && typeof (probe as Record<string, unknown>)[n] === 'function' && isScriptOwn(n),
      ),
    get context() {
      return latest;
    },
  };
}

/** Built-in globals of a fresh context (not the script's functions). */
const BUILTINS = new Set(Object.getOwnPropertyNames(vm.runInNewContext('globalThis')));
function isScriptOwn(name: string): boolean {
  return !BUILTINS.has(name);
}
