/**
 * How many users one deployment carries (issue 24), from the committed user-day results: each of
 * Google's limits divided by what one typical user spends of it. `npm run bench -- --write` writes the
 * table into docs/capacity.md between its markers; a test fails when the two disagree.
 */
import type { UserDayFigures } from './userDay';
import type { WorkloadResult } from './workloads';

/** Calendar API "Usage limits" page (updated 1 May 2026): per project, shared by every user. */
export const CALENDAR_LIMITS = {
  perMinutePerProject: 10_000,
  perMinutePerUser: 600,
  dailyBillingThreshold: 1_000_000,
} as const;

/** Apps Script quotas page: per user, per 24 h (consumer accounts, Google Workspace accounts). */
export const APPS_SCRIPT_QUOTAS = {
  consumer: { urlFetch: 20_000, properties: 50_000, triggerRuntimeMs: 90 * 60_000 },
  workspace: { urlFetch: 100_000, properties: 500_000, triggerRuntimeMs: 6 * 3600_000 },
} as const;

export const CAPACITY_BEGIN = '<!-- capacity:begin (npm run bench -- --write) -->';
export const CAPACITY_END = '<!-- capacity:end -->';

function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function day(results: WorkloadResult[], name: string): UserDayFigures | undefined {
  return results.find((r) => r.name === name && !r.skipped)?.userDay;
}

/** Users per deployment under the project's per-minute limit, at the peak hour's rate (spread over its minutes). */
function perMinuteUsers(d: UserDayFigures): number {
  return Math.floor((CALENDAR_LIMITS.perMinutePerProject * 60) / Math.max(1, d.calendar.peakHour));
}

/** How many times its typical day one user could spend before a per-user quota stops its runs. */
function headroom(used: number, quota: number): string {
  return used === 0 ? '∞' : `${thousands(Math.floor(quota / used))}×`;
}

function quotaRows(typical: UserDayFigures): string[] {
  const props = typical.properties.reads + typical.properties.writes;
  const rows: Array<[string, number, number, number, string]> = [
    [
      'UrlFetch calls',
      typical.urlFetch,
      APPS_SCRIPT_QUOTAS.consumer.urlFetch,
      APPS_SCRIPT_QUOTAS.workspace.urlFetch,
      '',
    ],
    [
      'Properties read/write',
      props,
      APPS_SCRIPT_QUOTAS.consumer.properties,
      APPS_SCRIPT_QUOTAS.workspace.properties,
      '',
    ],
    [
      'Triggers total runtime',
      typical.triggerRuntimeMs,
      APPS_SCRIPT_QUOTAS.consumer.triggerRuntimeMs,
      APPS_SCRIPT_QUOTAS.workspace.triggerRuntimeMs,
      ' ms',
    ],
  ];
  return rows.map(
    ([name, used, consumer, workspace, unit]) =>
      `| ${name} (per user) | ${thousands(used)}${unit} | ${headroom(used, consumer)} | ${headroom(used, workspace)} |`,
  );
}

/** The table docs/capacity.md carries between its markers (empty without user-day results). */
export function capacityMarkdown(results: WorkloadResult[]): string {
  const idle = day(results, 'idleDay');
  const typical = day(results, 'typicalDay');
  if (!idle || !typical) return '';
  const perDay = (d: UserDayFigures) =>
    Math.floor(CALENDAR_LIMITS.dailyBillingThreshold / Math.max(1, d.calendar.total));
  return [
    '| per user-day (bench) | idleDay | typicalDay |',
    '| --- | --- | --- |',
    `| Calendar requests (trigger-only bound) | ${idle.calendar.total} (${idle.calendar.bound}) | ${typical.calendar.total} (${typical.calendar.bound}) |`,
    `| of which list / get / calendar list / writes | ${idle.calendar.list} / ${idle.calendar.get} / ${idle.calendar.calendarList} / ${idle.calendar.writes} | ${typical.calendar.list} / ${typical.calendar.get} / ${typical.calendar.calendarList} / ${typical.calendar.writes} |`,
    `| Calendar requests in the busiest hour | ${idle.calendar.peakHour} | ${typical.calendar.peakHour} |`,
    `| vendor writes (bound) | ${idle.vendor.writes} (${idle.vendor.writesBound}) | ${typical.vendor.writes} (${typical.vendor.writesBound}) |`,
    `| vendor read requests (conferences read) | ${idle.vendor.reads} (${idle.vendor.conferencesRead}) | ${typical.vendor.reads} (${typical.vendor.conferencesRead}) |`,
    `| UrlFetch calls | ${idle.urlFetch} | ${typical.urlFetch} |`,
    `| property reads + writes | ${idle.properties.reads + idle.properties.writes} | ${typical.properties.reads + typical.properties.writes} |`,
    `| trigger runtime | ${thousands(idle.triggerRuntimeMs)} ms | ${thousands(typical.triggerRuntimeMs)} ms |`,
    '',
    '| Calendar API limit (per project) | users of one deployment, all idle | all typical |',
    '| --- | --- | --- |',
    `| daily billing threshold, ${thousands(CALENDAR_LIMITS.dailyBillingThreshold)} requests | ${thousands(perDay(idle))} | **${thousands(perDay(typical))}** |`,
    `| ${thousands(CALENDAR_LIMITS.perMinutePerProject)} requests per minute, at each user's busiest hour | ${thousands(perMinuteUsers(idle))} | ${thousands(perMinuteUsers(typical))} |`,
    `| ${CALENDAR_LIMITS.perMinutePerUser} requests per minute per user | no limit on users (one user's busiest hour: ${typical.calendar.peakHour} requests) | no limit on users |`,
    '',
    '| Apps Script quota | a typical user-day spends | consumer account: typical days in its quota | Workspace account |',
    '| --- | --- | --- | --- |',
    ...quotaRows(typical),
  ].join('\n');
}

/** docs/capacity.md with its table replaced by the one these results give. */
export function withCapacityTable(doc: string, results: WorkloadResult[]): string {
  const begin = doc.indexOf(CAPACITY_BEGIN);
  const end = doc.indexOf(CAPACITY_END);
  if (begin < 0 || end < begin) return doc;
  return `${doc.slice(0, begin + CAPACITY_BEGIN.length)}\n${capacityMarkdown(results)}\n${doc.slice(end)}`;
}
