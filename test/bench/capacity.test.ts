/**
 * docs/capacity.md states how many users one deployment carries under each of Google's limits, from
 * the committed user-day results (bench/results.json). Its table is what those results give, and what
 * its prose says binds first binds first. (`npm run bench -- --write` rewrites the table.)
 */
import { readFileSync } from 'node:fs';
import { CALENDAR_LIMITS, capacityMarkdown, withCapacityTable } from '../../bench/capacity';
import type { WorkloadResult } from '../../bench/workloads';

const results = (JSON.parse(readFileSync('bench/results.json', 'utf8')) as { results: WorkloadResult[] })
  .results;
const doc = readFileSync('docs/capacity.md', 'utf8');
const typical = results.find((r) => r.name === 'typicalDay')!.userDay!;

describe('docs/capacity.md', () => {
  it('carries the table the committed bench results give', () => {
    expect(capacityMarkdown(results)).not.toBe('');
    expect(doc).toBe(withCapacityTable(doc, results));
  });

  it('the daily billing threshold binds first for typical users, and no user nears the per-user minute limit', () => {
    const underDaily = CALENDAR_LIMITS.dailyBillingThreshold / typical.calendar.total;
    const underPerMinute = (CALENDAR_LIMITS.perMinutePerProject * 60) / typical.calendar.peakHour;
    expect(underDaily).toBeLessThan(underPerMinute);
    expect(doc).toMatch(/\*\*The daily billing threshold\.\*\*/);
    expect(typical.calendar.peakHour).toBeLessThan(CALENDAR_LIMITS.perMinutePerUser);
  });

  it('a typical day stays under 1 % of each Apps Script quota of a consumer account, as it says', () => {
    expect(typical.shares.urlFetch).toBeLessThan(0.01);
    expect(typical.shares.properties).toBeLessThan(0.01);
    expect(typical.shares.triggerRuntime).toBeLessThan(0.01);
  });
});
