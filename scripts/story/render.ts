import { describeDifference } from '../../test/oracle/vendorEqualsCalendar';
import type { ConsistencyReport } from './consistency';
import { callString, type StepReport, type VendorView, when } from './story';

/** Plain-text narration of the story. Colours only when asked (stdout is a TTY). */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  green(s: string): string;
  red(s: string): string;
  cyan(s: string): string;
  yellow(s: string): string;
}

export function makeStyle(colour: boolean): Style {
  const wrap = (open: number, close: number) => (s: string) =>
    colour ? `\u001b[${open}m${s}\u001b[${close}m` : s;
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    green: wrap(32, 39),
    red: wrap(31, 39),
    cyan: wrap(36, 39),
    yellow: wrap(33, 39),
  };
}

const LABEL_WIDTH = 10;

function section(style: Style, label: string, lines: string[], empty: string): string[] {
  const pad = ' '.repeat(LABEL_WIDTH);
  const body = lines.length > 0 ? lines : [style.dim(empty)];
  return body.map((line, i) => (i === 0 ? style.bold(label.padEnd(LABEL_WIDTH)) : pad) + line);
}

function list(values: string[] | undefined): string {
  return values && values.length > 0 ? values.join(', ') : '—';
}

export function vendorLine(v: VendorView): string {
  if (v.state === 'deleted') return `${v.id} (${v.label}): deleted`;
  const title = v.title === null || v.title === undefined ? 'no title yet' : `"${v.title}"`;
  const time = v.start ? when(v.start, v.end) : 'no time yet';
  // Only vendors that count versions (Acme) have one to show.
  const version = v.version === undefined ? '' : `v${v.version} `;
  return `${v.id} (${v.label}): ${version}${title}, ${time}, attendees: ${list(v.attendees)}, recurrence: ${list(v.recurrence)}`;
}

export function renderStep(step: StepReport, style: Style): string {
  const mark = step.asExpected ? style.green('✓') : style.red('✗ not as expected');
  const head = `${style.cyan(`── ${step.n}. ${step.title}`)} ${mark}`;
  const sent = step.sent.map((c) => {
    const status = c.status === 0 ? 'refused' : String(c.status);
    const text = `${c.method} ${c.path} → ${status}`;
    return c.status === 0 || c.status >= 400 ? style.yellow(text) : text;
  });
  const lines = [
    head,
    ...section(style, 'Calendar', step.calendar, 'nothing'),
    ...section(style, 'Add-on', step.addOn, 'did not run'),
    ...section(style, 'Sent', sent, 'nothing (no vendor call)'),
    ...section(style, 'Vendor', step.vendor.map(vendorLine), 'no conference involved'),
  ];
  if (!step.asExpected) {
    lines.push(
      ...section(
        style,
        'Expected',
        step.expected.map((e) => style.red(e)),
        style.red('no vendor call'),
      ),
    );
    lines.push(...section(style, 'Got', step.sent.map(callString), 'no vendor call'));
  }
  return `${lines.join('\n')}\n`;
}

export function renderConsistency(report: ConsistencyReport, style: Style): string {
  const head = style.cyan('── Consistency check: vendor == calendar');
  const summary = `${report.events} live event(s) with our conference, ${report.conferences} live vendor conference(s)`;
  if (report.ok) {
    return `${head}\n${style.green('✓')} ${summary}: every event matches its conference, every conference has its event.\n`;
  }
  const diffs = report.differences.map((d) => `  ${style.red('✗')} ${describeDifference(d)}`);
  return `${head}\n${style.red('✗')} ${summary}; ${report.differences.length} difference(s):\n${diffs.join('\n')}\n`;
}
