/**
 * Changing a meeting option from the event card (issue 23): the click's one change goes to the
 * vendor in one request through the adapter's `meetingOptions` capability. The answer is shown:
 * when it changes what the event shows (a new passcode, PIN or link), the open event gets the new
 * conference data (CalendarEventActionResponseBuilder.setConferenceData: "Specifies that the
 * response should set the indicated conference data to the Calendar event when the associated UI
 * action is taken"); otherwise the card is redrawn with a note. Nothing is stored by the add-on:
 * the options belong to the vendor, and the sync never sends them.
 */

import type { CalendarEvent } from '../calendar/types';
import { BRAND } from '../config/brand';
import { ConfigError } from '../config/config';
import { conferenceEntries, showsEntries } from '../meeting/entryPoints';
import type { ConferenceDataFactory } from '../platform/ports';
import { heldView } from '../status/vendorProbe';
import {
  emailList,
  isMeetingOptionName,
  type MeetingOptionName,
  type MeetingOptions,
} from '../vendor/options';
import type { MeetingOptionsCapability, VendorPort, VendorSnapshot } from '../vendor/port';
import { type AddonContext, eventCard, type Params, reply } from './controller';
import type { OptionsTarget } from './meetingOptions';

/** The change a button asks for, typed; undefined when the parameters are not one. */
export function optionChange(
  params: Params,
): { option: MeetingOptionName; change: MeetingOptions } | undefined {
  const { option, value } = params;
  if (!isMeetingOptionName(option) || value === undefined) return undefined;
  if (option === 'alternativeHosts')
    return { option, change: { alternativeHosts: emailList(value === '' ? [] : value.split(',')) } };
  if (value !== 'on' && value !== 'off') return undefined;
  return { option, change: { [option]: value === 'on' } };
}

/** The vendor port, or the note saying why there is none (a user to sign in, a setup to finish). */
function portOrNote(ctx: AddonContext): VendorPort | { note: string } {
  try {
    return ctx.services.vendor();
  } catch (error) {
    const signIn = error instanceof ConfigError && error.problem === 'not-signed-in';
    return { note: ctx.tr.t(signIn ? 'options.note.signIn' : 'note.finishSetup') };
  }
}

function targetOf(params: Params): OptionsTarget | undefined {
  const { calendarId, eventId, conferenceId } = params;
  if (!calendarId || !eventId || !conferenceId) return undefined;
  return { calendarId, eventId, conferenceId };
}

/** The event's conference data with the vendor's new entry points (same id, solution, parameters, notes). */
function updatedConferenceData(
  factory: ConferenceDataFactory,
  event: CalendarEvent | undefined,
  snapshot: VendorSnapshot,
): unknown {
  const cd = event?.conferenceData;
  if (!cd || cd.conferenceId !== snapshot.conference.id) return undefined;
  const entries = conferenceEntries(snapshot.conference);
  if (showsEntries(cd, entries)) return undefined;
  const parameters = cd.parameters?.addOnParameters?.parameters ?? {};
  const solutionId = parameters.solutionId ?? BRAND.solutions[0]!.id;
  return factory.success({
    conferenceId: snapshot.conference.id,
    solutionId,
    entries,
    parameters,
    ...(cd.notes ? { notes: cd.notes } : {}),
  });
}

function readEvent(ctx: AddonContext, target: OptionsTarget): CalendarEvent | undefined {
  try {
    return ctx.services.calendar.get(target.calendarId, target.eventId);
  } catch {
    return undefined;
  }
}

type Written = ReturnType<MeetingOptionsCapability['write']>;

function failureNote(ctx: AddonContext, outcome: Exclude<Written, { kind: 'applied' }>): string {
  const { tr } = ctx;
  if (outcome.kind === 'already-gone') return tr.t('options.note.gone');
  if (outcome.kind === 'unauthorized') return tr.t('options.note.signIn');
  if (outcome.kind === 'refused') return tr.t('options.note.refused');
  return tr.t('options.note.unreachable');
}

/** "Turn on" / "Turn off" / "Make host" / "Remove" in the event card's options. */
export function setMeetingOptionAction(ctx: AddonContext, params: Params) {
  const asked = optionChange(params);
  const target = targetOf(params);
  const port = portOrNote(ctx);
  if ('note' in port) return reply({ note: port.note });
  const capability = port.meetingOptions;
  if (!asked || !target || !capability?.supported.includes(asked.option))
    return reply({ note: ctx.tr.t('options.note.notAvailable') });
  const outcome = capability.write(target.conferenceId, asked.change);
  ctx.services.log.info({
    msg: 'meeting option changed from the card',
    option: asked.option,
    outcome: outcome.kind,
  });
  const opened = { calendar: { calendarId: target.calendarId, id: target.eventId } };
  if (outcome.kind !== 'applied')
    return reply({ update: eventCard(ctx, opened), note: failureNote(ctx, outcome) });
  // Acme answers with the conference; Zoom answers 204, so its new state is read once.
  const snapshot = outcome.value ?? readSnapshot(port, target.conferenceId);
  const factory = ctx.conferenceData;
  const data = snapshot && factory && updatedConferenceData(factory, readEvent(ctx, target), snapshot);
  if (data)
    return CardService.newCalendarEventActionResponseBuilder()
      .setConferenceData(data as never)
      .build();
  const known = snapshot ? heldView(snapshot) : undefined;
  return reply({ update: eventCard(ctx, opened, known), note: ctx.tr.t('options.note.saved') });
}

function readSnapshot(port: VendorPort, conferenceId: string): VendorSnapshot | undefined {
  const [read] = port.send([{ op: 'lookup', conferenceId }]);
  return read?.kind === 'applied' ? (read.value as VendorSnapshot) : undefined;
}
