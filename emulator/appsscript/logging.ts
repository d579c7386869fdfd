import type { ExecutionManager } from '../execution';

/**
 * Logger and console. Every line is captured into `logs` with the simulated time, level and the
 * execution that wrote it. Formatting follows Apps Script: strings as they are, plain objects and
 * arrays as JSON, errors as `Name: message`, `Logger.log(format, ...values)` substitutes `%s`/`%d`.
 * Lines written by an execution after it was cut off are dropped (the process is gone).
 */

export type LogLevel = 'log' | 'info' | 'warn' | 'error' | 'debug' | 'logger';

export interface LogEntry {
  at: number;
  level: LogLevel;
  message: string;
  executionId?: number;
}

export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'function') return String(value);
  if (typeof value !== 'object') return String(value);
  if (value instanceof Error || Object.prototype.toString.call(value) === '[object Error]') {
    const e = value as Error;
    return `${e.name}: ${e.message}`;
  }
  if (Object.prototype.toString.call(value) === '[object Date]') return (value as Date).toISOString();
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function substitute(format: string, values: unknown[]): string {
  let i = 0;
  const out = format.replace(/%[sdifoOj%]/g, (m) => {
    if (m === '%%') return '%';
    if (i >= values.length) return m;
    const v = values[i++];
    if (m === '%d' || m === '%i') return String(Math.trunc(Number(v)));
    if (m === '%f') return String(Number(v));
    return formatValue(v);
  });
  const rest = values.slice(i).map(formatValue);
  return [out, ...rest].join(' ');
}

export interface LoggingOptions {
  exec: ExecutionManager;
  echo?: boolean;
}

/** The `console` global: printf-style substitution when the first argument is a string with more after it. */
function createConsole(write: (level: LogLevel, message: string) => void) {
  const method =
    (level: LogLevel) =>
    (...args: unknown[]) => {
      const [first, ...rest] = args;
      write(
        level,
        typeof first === 'string' && rest.length > 0
          ? substitute(first, rest)
          : args.map(formatValue).join(' '),
      );
    };
  return {
    log: method('log'),
    info: method('info'),
    warn: method('warn'),
    error: method('error'),
    debug: method('debug'),
    time: () => undefined,
    timeEnd: () => undefined,
  };
}

export function createLogging(options: LoggingOptions) {
  const { exec } = options;
  const logs: LogEntry[] = [];
  /** Logger.getLog() covers the current execution only, as each Apps Script execution starts afresh. */
  let loggerLines: string[] = [];
  let loggerExecution: number | undefined;

  const write = (level: LogLevel, message: string) => {
    if (exec.isStopped()) return;
    const entry: LogEntry = { at: exec.clock.now(), level, message, executionId: exec.current()?.id };
    logs.push(entry);
    if (level === 'logger') {
      if (entry.executionId !== loggerExecution) {
        loggerExecution = entry.executionId;
        loggerLines = [];
      }
      loggerLines.push(message);
    }
    if (options.echo) process.stdout.write(`[${new Date(entry.at).toISOString()}] ${level}: ${message}\n`);
  };

  const Logger = {
    log(data: unknown, ...values: unknown[]) {
      write(
        'logger',
        typeof data === 'string' && values.length > 0 ? substitute(data, values) : formatValue(data),
      );
      return Logger;
    },
    getLog() {
      return exec.current()?.id === loggerExecution ? loggerLines.join('\n') : '';
    },
    clear() {
      loggerLines = [];
    },
  };

  const console = createConsole(write);

  return { Logger, console, logs };
}
