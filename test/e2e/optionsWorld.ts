import type { Json } from '../../emulator/cards/cardService';
import { asArr, asObj, cardsIn, cardToJson, plain, str } from '../../emulator/cards/inspect';
import type { RequestLogEntry, VendorApp } from '../../vendor-server/app';
import type { ZoomApp } from '../../vendor-server/zoomApp';
import { at, createWorld, type VendorKind, type World } from './world';

/**
 * Helpers for the meeting-options suites (issue 23): the event card and the settings card of the
 * built bundle, their option lines and buttons, and what each reference vendor holds, in one
 * vendor-neutral view.
 */

export type AnyWorld = World<VendorApp | ZoomApp>;
export const CAL = 'alice@example.com';

export function worldOf(kind: VendorKind): Promise<AnyWorld> {
  return kind === 'zoom' ? createWorld({ vendor: 'zoom' }) : createWorld();
}

export interface OptionLine {
  label: string;
  text: string;
  button?: { text: string; functionName: string; parameters: Record<string, string> };
}

function actionOf(button: Json | undefined): OptionLine['button'] {
  const action = asObj(asObj(button?.onClick)?.action);
  const functionName = str(action?.function);
  if (!button || !functionName) return undefined;
  const parameters = Object.fromEntries(
    asArr(action?.parameters).map((p) => [str(asObj(p)?.key) ?? '', str(asObj(p)?.value) ?? '']),
  );
  return { text: str(button.text) ?? '', functionName, parameters };
}

/** The labelled lines (DecoratedText) of a card section with this header. */
export function sectionLines(card: unknown, header: string): OptionLine[] {
  const [json] = cardsIn(cardToJson(card as never));
  const section = asArr(json?.sections)
    .map(asObj)
    .find((s) => str(s?.header) === header);
  return asArr(section?.widgets)
    .map((w) => asObj(asObj(w)?.decoratedText))
    .filter((d): d is Json => !!d)
    .map((d) => ({
      label: plain(str(d.topLabel) ?? ''),
      text: plain(str(d.text) ?? ''),
      button: actionOf(asObj(d.button)),
    }));
}

export function call(world: AnyWorld, name: string, arg: unknown): unknown {
  return world.emu.script!.callWith({ kind: 'addon' }, name, arg);
}

export function openEvent(world: AnyWorld, eventId: string): unknown {
  return call(world, 'onEventOpen', world.emu.cardEvent({ calendar: { calendarId: CAL, id: eventId } }));
}

export function openSettings(world: AnyWorld): unknown {
  return call(world, 'onShowSettings', world.emu.cardEvent());
}

/** Clicks the button of the line labelled `label` (and, for guests, showing `text`). */
export function click(world: AnyWorld, card: unknown, header: string, label: string, text?: string): unknown {
  const line = sectionLines(card, header).find((l) => l.label === label && (!text || l.text === text));
  if (!line?.button)
    throw new Error(`no button on "${label}" in ${JSON.stringify(sectionLines(card, header))}`);
  return call(world, line.button.functionName, world.emu.cardEvent({ parameters: line.button.parameters }));
}

/** A saved meeting with our conference and two guests, synced; the vendor's log is cleared. */
export function meetingWithGuests(world: AnyWorld) {
  const eventId = world.emu.ui.newEventId();
  const added = world.emu.ui.addConference({ calendarId: CAL, eventId, solutionId: 'acme-web' });
  if (!added.ok) throw new Error('conference not created');
  world.emu.ui.saveEvent(CAL, eventId, {
    summary: 'Design review',
    // Tomorrow morning: within the day, so the hourly audit checks it at every run.
    start: at('2026-11-24T08:00:00Z'),
    end: at('2026-11-24T09:00:00Z'),
    attendees: [{ email: 'bob@example.com' }, { email: 'carol@example.com' }],
  });
  world.settle();
  world.takeVendorCalls();
  return { eventId, conferenceId: added.conferenceData.conferenceId! };
}

export interface HeldOptions {
  passcode: string | null;
  waitingRoom: boolean;
  joinBeforeHost: boolean;
  muteOnEntry: boolean;
  autoRecording: boolean;
  alternativeHosts: string[];
}

/** The options the vendor holds for a conference, whatever its API's shape. */
export function heldOptions(world: AnyWorld, id: string): HeldOptions {
  if (world.kind === 'zoom') {
    const m = (world.vendor as ZoomApp).conference(id)!;
    return {
      passcode: m.password === '' ? null : m.password,
      waitingRoom: m.settings.waiting_room,
      joinBeforeHost: m.settings.join_before_host,
      muteOnEntry: m.settings.mute_upon_entry,
      autoRecording: m.settings.auto_recording !== 'none',
      alternativeHosts: m.settings.alternative_hosts.split(',').filter(Boolean),
    };
  }
  const c = (world.vendor as VendorApp).conference(id)!;
  const o = c.options!;
  return { ...o, passcode: c.passcode ?? null };
}

/** The vendor's log since `from` (writes only). */
export function writesSince(world: AnyWorld, from: number): RequestLogEntry[] {
  return world.vendor
    .requests()
    .slice(from)
    .filter((r) => r.method !== 'GET');
}

/** Whether a request body sets any meeting option (Acme `options`; Zoom settings other than invitees, or `password`). */
export function carriesOptions(body: unknown): boolean {
  const b = (body ?? {}) as Record<string, unknown>;
  if ('options' in b || 'password' in b) return true;
  const settings = Object.keys((b.settings ?? {}) as object);
  return settings.some((k) => k !== 'meeting_invitees' && k !== 'auto_recording');
}
