/**
 * English: the reference language and the fallback. It defines the message keys (see
 * ../catalogue.ts). Short and plain: Calendar's side panel is 300 px wide, and users read "waiting
 * to be sent", never queues, tokens, status codes or HTTP verbs. `{vendor}` is the brand's name;
 * sentences are worded so that no article depends on it ("Choose Acme", never "a Acme").
 */
export const EN = {
  // Shared words
  'common.signIn': 'Sign in',
  'common.settings': 'Settings',
  'common.noTitle': '(no title)',
  'common.and': '{first} and {second}',
  /** Two sentences in a row (no space between Japanese sentences). */
  'common.sentences': '{first} {second}',
  'common.quoted': '"{text}"',
  'label.status': 'Status',

  // Relative and absolute times
  'time.justNow': 'just now',
  'time.minutesAgo': { one: '{n} minute ago', other: '{n} minutes ago' },
  'time.hoursAgo': { one: '{n} hour ago', other: '{n} hours ago' },
  'time.yesterday': 'yesterday',
  'time.daysAgo': { one: '{n} day ago', other: '{n} days ago' },
  'time.notSet': 'not set',
  'time.allDay': '{date} (all day)',
  'time.inZone': '{time} ({zone})',

  // When a queued change is tried again: only a calendar change or the hourly run resends it.
  'retry.soon': 'Next try: at the next change in your calendar or the hourly check.',
  'retry.after': 'Next try: at the next change in your calendar or the hourly check, from {time} on.',

  // Homepage card
  'home.title': 'Meeting sync',
  'home.subtitle': 'Keeps your {vendor} meetings in step with your calendar',
  'home.notSetUp.header': 'Not set up yet',
  'home.notSetUp.body':
    'The add-on cannot reach {vendor} yet. Ask your administrator to finish the setup (see Settings).',
  'home.signIn.header': 'Sign in to {vendor}',
  'home.signIn.body': 'Sign in so the add-on can create {vendor} meetings and keep them up to date.',
  'home.empty':
    'No calendar is synced yet. Choose {vendor} under "Add video conferencing" on an event and it starts automatically.',
  'home.refresh': 'Refresh',
  'home.label.meetings': 'Meetings',
  'home.meetingsKept': { one: '{n} meeting kept up to date', other: '{n} meetings kept up to date' },
  'home.changesLooked': {
    one: '{n} event change looked at in the last check',
    other: '{n} event changes looked at in the last check',
  },
  'home.notWatched': 'Changes to this calendar are not being picked up. Press Sync now to start again.',
  'home.label.waiting': 'Waiting to be sent',
  'home.updates': { one: '{n} meeting update', other: '{n} meeting updates' },
  'home.removals': { one: '{n} meeting removal', other: '{n} meeting removals' },
  'home.waiting': {
    one: '{items} waiting to be sent to {vendor}. It is sent automatically.',
    other: '{items} waiting to be sent to {vendor}. They are sent automatically.',
  },
  'home.label.notSent': 'Could not be sent ({count})',
  'home.problemLine': '{what} ({when}): {why}',
  'home.earlier': { one: '… and {n} earlier one.', other: '… and {n} earlier ones.' },
  'home.resendHint': 'Open the event and press Resend to {vendor} to try again, or change the event.',
  'home.syncNow': 'Sync now',
  'home.checkAll': 'Check all events again',
  'home.tryAgain': 'Try again',
  'home.dismiss': 'Dismiss these messages',
  'home.stop': 'Stop syncing this calendar…',

  // The homepage: the user's meetings this week, and the sync in one line (issue 23)
  'hub.title': 'Your {vendor} meetings',
  'hub.subtitle': 'Today and the coming week',
  'hub.today': 'Today',
  'hub.tomorrow': 'Tomorrow',
  'hub.later': 'Later this week',
  'hub.none': 'No {vendor} meetings in the coming week.',
  'hub.join': 'Join',
  'hub.allDay': 'All day',
  'hub.allDayOn': '{day}, all day',
  'hub.mark.repairing': 'Being repaired. Open for details.',
  'hub.mark.refused': '{vendor} refused the latest change. Open for details.',
  'hub.unreadable': '{calendar} could not be read just now. Refresh to try again.',
  'hub.label.sync': 'Sync',
  'hub.health.ok': 'All meetings up to date',
  'hub.health.lostAccess': '{calendar} can no longer be read. Its meetings are left as they are.',
  'hub.health.notWatched': 'Changes in {calendar} are not picked up. Open Sync details and press Sync now.',
  'hub.health.refused': {
    one: '{n} change could not be sent to {vendor}. Open Sync details to try again.',
    other: '{n} changes could not be sent to {vendor}. Open Sync details to try again.',
  },
  'hub.health.vendorBlocked': 'Meetings could not be checked at {vendor}. Open Sync details to see why.',
  'hub.health.unfinished': 'The last check did not finish. It will try again.',
  'hub.health.waiting': {
    one: '{n} change waits for {vendor} to answer. It is sent automatically.',
    other: '{n} changes wait for {vendor} to answer. They are sent automatically.',
  },
  'hub.health.checking': 'A full check of your calendar is still running.',
  'hub.syncDetails': 'Sync details',

  // One line per calendar
  'summary.lostAccess':
    'This calendar can no longer be read (deleted, unsubscribed or no longer shared). Its meetings are left as they are.',
  'summary.notChecked': 'Not checked yet.',
  'summary.error': 'Last check {when}: {problem}',
  'summary.syncing': 'Last check {when}. A full check is still running.',
  'summary.attention': 'Last check {when}. Some changes need attention.',
  'summary.ok': 'Last check {when}. Everything is up to date.',

  // Why the last run failed
  'runError.signIn': 'Waiting for you to sign in to {vendor}.',
  'runError.unfinished': 'The last check did not finish. It will try again.',
  'runError.config': 'The add-on is not set up yet. Ask your administrator to check its settings.',
  'runError.calendar': 'Google Calendar could not be read. It will try again.',
  'runError.other': 'Something went wrong. It will try again.',

  // A calendar that could not be watched
  'setup.tooMany':
    'This calendar is not watched for changes: you have too many add-on automations. Stop syncing a calendar you no longer use, then press Sync now.',
  'setup.other': 'This calendar could not be watched for changes. Press Sync now to try again.',

  // What a failed call was about
  'op.remove': 'Removing a meeting',
  'op.removeNamed': 'Removing the meeting of {title}',
  'op.create': 'Creating a meeting',
  'op.createNamed': 'Creating the meeting of {title}',
  'op.update': 'Updating a meeting',
  'op.updateNamed': 'Updating {title}',

  // Why the vendor refused
  'reason.signIn': '{vendor} did not accept the sign-in.',
  'reason.forbidden': '{vendor} did not allow this change.',
  'reason.gone': 'The meeting no longer exists at {vendor}.',
  'reason.invalid': '{vendor} rejected the event details.',
  'reason.unreadable': '{vendor} sent an answer the add-on could not read.',
  'reason.writeBack': 'Calendar did not accept a new meeting link for the event.',
  'reason.refused': '{vendor} refused the change.',

  // Stop syncing (confirmation card)
  'confirm.title': 'Stop syncing this calendar?',
  'confirm.body':
    'Changes to events in this calendar will no longer reach {vendor}. Meetings that already exist keep working, but moving or deleting their events will not update them.',
  'confirm.dropped':
    'Changes still waiting to be sent are dropped. Adding a new {vendor} meeting to an event in this calendar starts syncing again.',
  'confirm.cancel': 'Cancel',
  'confirm.stop': 'Stop syncing',

  // Event card
  'event.title': '{vendor} meeting',
  'event.saveFirst': 'Save the event to see its meeting here.',
  'event.otherService': 'This event uses another meeting service, not {vendor}.',
  'event.none':
    'This event has no {vendor} meeting. Choose {vendor} under "Add video conferencing" when you edit the event.',
  'event.header.meeting': 'Meeting',
  'event.label.id': 'Meeting ID',
  'event.label.join': 'Join link',
  'event.join': 'Join meeting',
  'event.header.notSent': 'Could not be sent',
  'event.resendHint': "If {vendor} shows old details, send the event's current details again.",
  'event.resend': 'Resend to {vendor}',
  'event.syncStatus': 'Sync status',
  'state.removeAfterSignIn': 'The meeting will be removed at {vendor} once you sign in.',
  'state.sendAfterSignIn': 'Your latest changes will be sent to {vendor} once you sign in.',
  'state.upToDate': '{vendor} has the latest title, time and guests.',
  'state.changed': 'Your latest changes are being sent to {vendor}.',
  'state.queuedUpdate':
    'Your latest changes are waiting to be sent to {vendor}. They are sent automatically.',
  'state.queuedRemoval': 'The meeting is waiting to be removed at {vendor}.',
  'state.notSent': 'Your latest changes could not be sent to {vendor}.',
  'state.notSaved': 'The event has not been saved yet.',
  'state.notTracked': 'This calendar is not being synced, so changes to this event do not reach {vendor}.',
  'event.linkChanged':
    'The {vendor} link changed {when}: the earlier meeting was gone, so this event has a new one.',
  // The audit of upcoming meetings against the vendor (src/audit/)
  'audit.header': 'Meetings checked against {vendor}',
  'audit.label.repairs': 'Repairs',
  'audit.none': 'No meeting needed a repair this week.',
  'audit.repaired': { one: '{n} meeting repaired this week.', other: '{n} meetings repaired this week.' },
  'audit.lastCheck': 'Last check {when}.',
  'audit.label.blocked': 'Could not check ({when})',
  'audit.blocked.unauthorized':
    "{vendor} no longer accepts the add-on's sign-in, so your meetings could not be checked. Nothing was deleted or changed. Sign in again (or ask your administrator to renew the key).",
  'audit.blocked.forbidden':
    '{vendor} says this account may no longer use these meetings, so they could not be checked. Nothing was deleted or changed.',
  'audit.blocked.massMissing':
    '{vendor} suddenly has none of many meetings, which looks like a problem on its side. Nothing was made again; they are checked again every hour.',
  'audit.waiting': {
    one: '{n} meeting waits for its new {vendor} link to be put on the event: open the event to fix it.',
    other: '{n} meetings wait for their new {vendor} link to be put on the event: open the event to fix it.',
  },
  'audit.howOften':
    "Meetings in the next 14 days are checked every day, and every hour on the day they start. If {vendor} lost one or shows other details, your calendar's are put back.",
  'repair.header': 'Repaired',
  'repair.headerClick': 'Needs one click',
  'repair.restored':
    "{vendor} no longer had this meeting ({when}). It was restored with the same join link and this event's details.",
  'repair.recreated':
    '{vendor} no longer had this meeting ({when}). A new one was made and put on the event: the join link above is the new one.',
  'repair.resent':
    "{vendor} showed other details than this event: {what} ({when}). The event's details were sent again.",
  'repair.aspect.title': 'title',
  'repair.aspect.time': 'time',
  'repair.aspect.guests': 'guests',
  'repair.aspect.recurrence': 'repeat pattern',
  'repair.aspectSeparator': ', ',
  'repair.refused':
    '{vendor} no longer has this meeting. A new one was made ({when}), but Calendar did not let the add-on put it on the event.',
  'repair.button': 'Put the new meeting on the event',
  'repair.note.written': 'The new {vendor} meeting is on the event.',
  'repair.note.refused':
    'Calendar still does not let the add-on change this event. Add the conference again by hand.',
  'repair.note.later': 'Calendar is busy right now. Try again in a minute.',
  'repair.note.nothing': 'Nothing is waiting for this event any more.',
  'state.restoring':
    'This meeting was restored from the trash. The add-on is getting its {vendor} meeting back, or a new one if {vendor} cannot: nothing to do.',
  'state.vendorLost':
    '{vendor} no longer has this meeting. The add-on is getting it back, or making a new one and putting it on the event: nothing to do.',
  'state.needsConference':
    '{vendor} no longer has this meeting, and Calendar did not let the add-on put a new one on the event. Press the button below, or add the conference again.',
  'vendor.header': 'What {vendor} has',
  'vendor.label.title': 'Title',
  'vendor.noTitleYet': '(no title yet)',
  'vendor.label.starts': 'Starts',
  'vendor.label.ends': 'Ends',
  'vendor.label.guests': 'Guests',
  'vendor.guests': { one: '{n} guest', other: '{n} guests' },
  'vendor.label.repeats': 'Repeats',
  'vendor.yes': 'Yes',
  'vendor.label.updated': 'Last updated',
  'vendor.missing': '{vendor} no longer has this meeting.',
  'vendor.unauthorized': '{vendor} did not accept the sign-in, so its details cannot be shown.',
  'vendor.unavailable': '{vendor} could not be reached just now, so its details cannot be shown.',

  // Settings card
  'settings.title': 'Settings',
  'settings.subtitle': 'Connection to {vendor}',
  'settings.label.address': '{vendor} address',
  'settings.notSet': 'Not set',
  'settings.label.signIn': 'Sign-in',
  'settings.apiKey': 'With a key set by your administrator (not shown)',
  'settings.signedIn': 'Each person signs in to {vendor}. You are signed in.',
  'settings.notSignedIn': 'Each person signs in to {vendor}. You are not signed in.',
  'settings.invalid': 'Sign-in to {vendor} is not set up correctly.',
  'settings.label.problem': 'Setup problem',
  'settings.label.test': 'Connection test',
  'settings.test': 'Test connection',
  'settings.signOut': 'Sign out',
  'settings.back': 'Back',
  'settings.signInFirst': 'Sign in first, then test the connection.',
  'test.ok': 'Connected. {vendor} answered in {seconds} s.',
  'test.unreachable': 'Could not reach {vendor}. Check the address.',
  'test.rejected': '{vendor} did not accept the key or sign-in.',
  'test.forbidden': '{vendor} accepted the sign-in but does not allow this add-on.',
  'test.vendorError': '{vendor} is having trouble right now (error {detail}). Try again later.',

  // Notifications after a card action
  'note.notSetUp': 'The add-on is not set up yet. See Settings.',
  'note.signInFirst': 'Sign in to {vendor} first.',
  'note.handedOver': 'Another check is running. This calendar is checked right after it.',
  'note.continues': 'Started. The rest of the check continues in the background.',
  'note.unfinished': 'The check did not finish. It will try again.',
  'note.waiting': {
    one: 'Checked. {n} change waiting to be sent to {vendor}.',
    other: 'Checked. {n} changes waiting to be sent to {vendor}.',
  },
  'note.checkedAll': 'Everything was checked again.',
  'note.upToDate': 'Checked. Everything is up to date.',
  'note.busy': 'A sync is running right now. Try again in a minute.',
  'note.stopped': 'Stopped syncing {calendar}.',
  'note.nothingToResend': 'Nothing to resend.',
  'note.notSynced': 'This calendar is not being synced.',
  'note.removed': 'The meeting was removed at {vendor}, because the event no longer has it.',
  'note.sent': 'Sent to {vendor}.',
  'note.refused': '{vendor} did not take it: {why}',
  'note.refusedNoReason': '{vendor} did not take the change.',
  'note.unreachable': '{vendor} could not be reached. It will be sent automatically.',
  'note.finishSetup': 'Finish the setup (and sign in) first.',
  'note.signedOut': 'Signed out of {vendor}.',

  // The vendor sign-in page's answer (OAuth callback)
  'auth.done': 'You are signed in. You can close this tab.',
  'auth.cancelled': 'Sign-in was cancelled. You can close this tab and try again.',

  // Conference notes Calendar shows with the meeting (organizer's language)
  'conference.notes':
    "{vendor} meeting. Changes to the event's title, time and guests reach {vendor} automatically.",

  // Meeting options and the defaults for new meetings (issue 23, parts 2-3)
  'options.header': 'Meeting options',
  'options.hint': 'A change goes to {vendor} at once.',
  'options.passcode': 'Passcode',
  'options.waitingRoom': 'Waiting room',
  'options.joinBeforeHost': 'Guests can join before the host',
  'options.muteOnEntry': 'Mute guests when they join',
  'options.autoRecording': 'Record automatically',
  'options.alternativeHosts': 'Alternative hosts',
  'options.on': 'On',
  'options.off': 'Off',
  'options.passcodeOn': 'On: {passcode}',
  'options.turnOn': 'Turn on',
  'options.turnOff': 'Turn off',
  'options.isHost': 'Alternative host',
  'options.isGuest': 'Guest',
  'options.makeHost': 'Make host',
  'options.removeHost': 'Remove',
  'options.noGuests': 'Add guests to the event to choose alternative hosts from them.',
  'options.note.saved': 'Saved at {vendor}.',
  'options.note.savedShown': 'Saved at {vendor}. The event shows the new details.',
  'options.note.notAvailable': 'This option cannot be changed here.',
  'options.note.refused': '{vendor} did not take the change.',
  'options.note.unreachable': '{vendor} could not be reached. Nothing was changed: try again.',
  'options.note.signIn': 'Sign in to {vendor} first.',
  'options.note.gone': '{vendor} no longer has this meeting.',
  'defaults.header': 'Defaults for new meetings',
  'defaults.hint': 'New {vendor} meetings you add to events get these options.',
  'defaults.yours': '{value} (your choice)',
  'defaults.organisation': '{value} (your organization)',
  'defaults.vendorDecides': 'As {vendor} decides',
  'defaults.reset': 'Use default',
  'defaults.note.saved': 'Saved. Your new meetings get it.',
} as const;
