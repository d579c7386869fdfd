import type { Catalogue } from '../catalogue';

/** German (formal "Sie"; the longest of the languages, so the 300 px test draws every card in it). */
export const DE: Catalogue = {
  'common.signIn': 'Anmelden',
  'common.settings': 'Einstellungen',
  'common.noTitle': '(kein Titel)',
  'common.and': '{first} und {second}',
  'common.sentences': '{first} {second}',
  'common.quoted': '„{text}“',
  'label.status': 'Status',

  'time.justNow': 'gerade eben',
  'time.minutesAgo': { one: 'vor {n} Minute', other: 'vor {n} Minuten' },
  'time.hoursAgo': { one: 'vor {n} Stunde', other: 'vor {n} Stunden' },
  'time.yesterday': 'gestern',
  'time.daysAgo': { one: 'vor {n} Tag', other: 'vor {n} Tagen' },
  'time.notSet': 'nicht festgelegt',
  'time.allDay': '{date} (ganztägig)',
  'time.inZone': '{time} ({zone})',

  'retry.soon': 'Nächster Versuch: bei der nächsten Änderung im Kalender oder der stündlichen Prüfung.',
  'retry.after':
    'Nächster Versuch: bei der nächsten Änderung im Kalender oder der stündlichen Prüfung, ab {time}.',

  'home.title': 'Besprechungs-Sync',
  'home.subtitle': 'Hält Ihre {vendor}-Besprechungen im Einklang mit Ihrem Kalender',
  'home.notSetUp.header': 'Noch nicht eingerichtet',
  'home.notSetUp.body':
    'Das Add-on kann {vendor} noch nicht erreichen. Bitten Sie Ihren Administrator, die Einrichtung abzuschließen (siehe Einstellungen).',
  'home.signIn.header': 'Bei {vendor} anmelden',
  'home.signIn.body':
    'Melden Sie sich an, damit das Add-on {vendor}-Besprechungen erstellen und aktuell halten kann.',
  'home.empty':
    'Noch kein Kalender wird synchronisiert. Wählen Sie bei einem Termin {vendor} unter „Videokonferenz hinzufügen“, dann startet es automatisch.',
  'home.refresh': 'Aktualisieren',
  'home.label.meetings': 'Besprechungen',
  'home.meetingsKept': {
    one: '{n} Besprechung aktuell gehalten',
    other: '{n} Besprechungen aktuell gehalten',
  },
  'home.changesLooked': {
    one: '{n} Terminänderung bei der letzten Prüfung angesehen',
    other: '{n} Terminänderungen bei der letzten Prüfung angesehen',
  },
  'home.notWatched':
    'Änderungen in diesem Kalender werden nicht erkannt. Klicken Sie auf „Jetzt synchronisieren“, um neu zu starten.',
  'home.label.waiting': 'Wartet auf Senden',
  'home.updates': { one: '{n} Aktualisierung', other: '{n} Aktualisierungen' },
  'home.removals': { one: '{n} Entfernung', other: '{n} Entfernungen' },
  'home.waiting': {
    one: '{items} wartet darauf, an {vendor} gesendet zu werden. Das geschieht automatisch.',
    other: '{items} warten darauf, an {vendor} gesendet zu werden. Das geschieht automatisch.',
  },
  'home.label.notSent': 'Nicht gesendet ({count})',
  'home.problemLine': '{what} ({when}): {why}',
  'home.earlier': { one: '… und {n} frühere.', other: '… und {n} frühere.' },
  'home.resendHint':
    'Öffnen Sie den Termin und klicken Sie auf „Erneut an {vendor} senden“, oder ändern Sie den Termin.',
  'home.syncNow': 'Jetzt synchronisieren',
  'home.checkAll': 'Alle Termine neu prüfen',
  'home.tryAgain': 'Erneut versuchen',
  'home.dismiss': 'Meldungen ausblenden',
  'home.stop': 'Synchronisierung beenden…',

  'hub.title': 'Ihre {vendor}-Besprechungen',
  'hub.subtitle': 'Heute und die kommende Woche',
  'hub.today': 'Heute',
  'hub.tomorrow': 'Morgen',
  'hub.later': 'Später in dieser Woche',
  'hub.none': 'Keine {vendor}-Besprechungen in der kommenden Woche.',
  'hub.join': 'Teilnehmen',
  'hub.allDay': 'Ganztägig',
  'hub.allDayOn': '{day}, ganztägig',
  'hub.mark.repairing': 'Wird repariert. Für Details öffnen.',
  'hub.mark.refused': '{vendor} hat die letzte Änderung abgelehnt. Für Details öffnen.',
  'hub.unreadable':
    '{calendar} konnte gerade nicht gelesen werden. Aktualisieren Sie, um es erneut zu versuchen.',
  'hub.label.sync': 'Synchronisierung',
  'hub.health.ok': 'Alle Besprechungen sind aktuell',
  'hub.health.lostAccess':
    '{calendar} kann nicht mehr gelesen werden. Seine Besprechungen bleiben, wie sie sind.',
  'hub.health.notWatched':
    'Änderungen in {calendar} werden nicht erkannt. Öffnen Sie die Synchronisierungsdetails und klicken Sie auf Jetzt synchronisieren.',
  'hub.health.refused': {
    one: '{n} Änderung konnte nicht an {vendor} gesendet werden. Öffnen Sie die Synchronisierungsdetails, um es erneut zu versuchen.',
    other:
      '{n} Änderungen konnten nicht an {vendor} gesendet werden. Öffnen Sie die Synchronisierungsdetails, um es erneut zu versuchen.',
  },
  'hub.health.vendorBlocked':
    'Die Besprechungen konnten bei {vendor} nicht geprüft werden. Die Synchronisierungsdetails nennen den Grund.',
  'hub.health.unfinished': 'Die letzte Prüfung wurde nicht abgeschlossen. Sie wird wiederholt.',
  'hub.health.waiting': {
    one: '{n} Änderung wartet auf eine Antwort von {vendor}. Sie wird automatisch gesendet.',
    other: '{n} Änderungen warten auf eine Antwort von {vendor}. Sie werden automatisch gesendet.',
  },
  'hub.health.checking': 'Eine vollständige Prüfung Ihres Kalenders läuft noch.',
  'hub.syncDetails': 'Synchronisierungsdetails',

  'summary.lostAccess':
    'Dieser Kalender kann nicht mehr gelesen werden (gelöscht, abbestellt oder nicht mehr freigegeben). Seine Besprechungen bleiben, wie sie sind.',
  'summary.notChecked': 'Noch nicht geprüft.',
  'summary.error': 'Letzte Prüfung {when}: {problem}',
  'summary.syncing': 'Letzte Prüfung {when}. Eine vollständige Prüfung läuft noch.',
  'summary.attention': 'Letzte Prüfung {when}. Einige Änderungen brauchen Aufmerksamkeit.',
  'summary.ok': 'Letzte Prüfung {when}. Alles ist aktuell.',

  'runError.signIn': 'Wartet darauf, dass Sie sich bei {vendor} anmelden.',
  'runError.unfinished': 'Die letzte Prüfung wurde nicht beendet. Sie wird wiederholt.',
  'runError.config':
    'Das Add-on ist noch nicht eingerichtet. Bitten Sie Ihren Administrator, die Einstellungen zu prüfen.',
  'runError.calendar': 'Google Kalender konnte nicht gelesen werden. Es wird erneut versucht.',
  'runError.other': 'Etwas ist schiefgelaufen. Es wird erneut versucht.',

  'setup.tooMany':
    'Dieser Kalender wird nicht auf Änderungen überwacht: Sie haben zu viele Add-on-Automatisierungen. Beenden Sie die Synchronisierung eines Kalenders, den Sie nicht mehr nutzen, und klicken Sie dann auf „Jetzt synchronisieren“.',
  'setup.other':
    'Dieser Kalender konnte nicht überwacht werden. Klicken Sie auf „Jetzt synchronisieren“, um es erneut zu versuchen.',

  'op.remove': 'Entfernen einer Besprechung',
  'op.removeNamed': 'Entfernen der Besprechung von {title}',
  'op.create': 'Erstellen einer Besprechung',
  'op.createNamed': 'Erstellen der Besprechung von {title}',
  'op.update': 'Aktualisieren einer Besprechung',
  'op.updateNamed': 'Aktualisieren von {title}',

  'reason.signIn': '{vendor} hat die Anmeldung nicht akzeptiert.',
  'reason.forbidden': '{vendor} hat diese Änderung nicht erlaubt.',
  'reason.gone': 'Die Besprechung existiert bei {vendor} nicht mehr.',
  'reason.invalid': '{vendor} hat die Termindetails abgelehnt.',
  'reason.unreadable': '{vendor} hat eine Antwort gesendet, die das Add-on nicht lesen konnte.',
  'reason.writeBack': 'Kalender hat keinen neuen Besprechungslink für den Termin angenommen.',
  'reason.refused': '{vendor} hat die Änderung abgelehnt.',

  'confirm.title': 'Synchronisierung dieses Kalenders beenden?',
  'confirm.body':
    'Änderungen an Terminen in diesem Kalender erreichen {vendor} nicht mehr. Bestehende Besprechungen funktionieren weiter, werden aber beim Verschieben oder Löschen ihrer Termine nicht aktualisiert.',
  'confirm.dropped':
    'Noch nicht gesendete Änderungen werden verworfen. Wenn Sie einem Termin in diesem Kalender eine neue {vendor}-Besprechung hinzufügen, startet die Synchronisierung wieder.',
  'confirm.cancel': 'Abbrechen',
  'confirm.stop': 'Synchronisierung beenden',

  'event.title': '{vendor}-Besprechung',
  'event.saveFirst': 'Speichern Sie den Termin, um seine Besprechung hier zu sehen.',
  'event.otherService': 'Dieser Termin nutzt einen anderen Besprechungsdienst, nicht {vendor}.',
  'event.none':
    'Dieser Termin hat keine {vendor}-Besprechung. Wählen Sie beim Bearbeiten {vendor} unter „Videokonferenz hinzufügen“.',
  'event.header.meeting': 'Besprechung',
  'event.label.id': 'Besprechungs-ID',
  'event.label.join': 'Link zum Teilnehmen',
  'event.join': 'Teilnehmen',
  'event.header.notSent': 'Nicht gesendet',
  'event.resendHint': 'Zeigt {vendor} alte Angaben, senden Sie die aktuellen Angaben des Termins erneut.',
  'event.resend': 'Erneut an {vendor} senden',
  'event.syncStatus': 'Sync-Status',
  'state.removeAfterSignIn': 'Die Besprechung wird bei {vendor} entfernt, sobald Sie sich anmelden.',
  'state.sendAfterSignIn': 'Ihre letzten Änderungen werden an {vendor} gesendet, sobald Sie sich anmelden.',
  'state.upToDate': '{vendor} hat den aktuellen Titel, die Zeit und die Gäste.',
  'state.changed': 'Ihre letzten Änderungen werden gerade an {vendor} gesendet.',
  'state.queuedUpdate':
    'Ihre letzten Änderungen warten darauf, an {vendor} gesendet zu werden. Das geschieht automatisch.',
  'state.queuedRemoval': 'Die Besprechung wartet darauf, bei {vendor} entfernt zu werden.',
  'state.notSent': 'Ihre letzten Änderungen konnten nicht an {vendor} gesendet werden.',
  'state.notSaved': 'Der Termin wurde noch nicht gespeichert.',
  'state.notTracked':
    'Dieser Kalender wird nicht synchronisiert, daher erreichen Änderungen an diesem Termin {vendor} nicht.',
  'event.linkChanged':
    'Der {vendor}-Link hat sich {when} geändert: Die frühere Besprechung gab es nicht mehr, daher hat dieser Termin einen neuen.',
  // The audit of upcoming meetings against the vendor (src/audit/)
  'audit.header': 'Mit {vendor} abgeglichene Termine',
  'audit.label.repairs': 'Reparaturen',
  'audit.none': 'Diese Woche musste kein Termin repariert werden.',
  'audit.repaired': { one: '{n} Termin diese Woche repariert.', other: '{n} Termine diese Woche repariert.' },
  'audit.lastCheck': 'Zuletzt geprüft {when}.',
  'audit.label.blocked': 'Prüfung nicht möglich ({when})',
  'audit.blocked.unauthorized':
    '{vendor} akzeptiert die Anmeldung des Add-ons nicht mehr, daher konnten Ihre Termine nicht geprüft werden. Nichts wurde gelöscht oder geändert. Melden Sie sich erneut an (oder bitten Sie Ihren Administrator, den Schlüssel zu erneuern).',
  'audit.blocked.forbidden':
    'Laut {vendor} darf dieses Konto diese Besprechungen nicht mehr nutzen, daher konnten sie nicht geprüft werden. Nichts wurde gelöscht oder geändert.',
  'audit.blocked.massMissing':
    '{vendor} hat plötzlich keine von vielen Besprechungen mehr, was nach einem Problem auf dessen Seite aussieht. Nichts wurde neu erstellt; sie werden stündlich erneut geprüft.',
  'audit.waiting': {
    one: '{n} Termin wartet darauf, dass sein neuer {vendor}-Link eingetragen wird: Öffnen Sie den Termin, um das zu beheben.',
    other:
      '{n} Termine warten darauf, dass ihr neuer {vendor}-Link eingetragen wird: Öffnen Sie den Termin, um das zu beheben.',
  },
  'audit.howOften':
    'Termine der nächsten 14 Tage werden täglich geprüft, am Tag selbst stündlich. Hat {vendor} einen verloren oder zeigt andere Angaben, werden die Ihres Kalenders wiederhergestellt.',
  'repair.header': 'Repariert',
  'repair.headerClick': 'Ein Klick nötig',
  'repair.restored':
    '{vendor} hatte diese Besprechung nicht mehr ({when}). Sie wurde mit demselben Link und den Angaben dieses Termins wiederhergestellt.',
  'repair.recreated':
    '{vendor} hatte diese Besprechung nicht mehr ({when}). Eine neue wurde erstellt und eingetragen: Der Link oben ist der neue.',
  'repair.resent':
    '{vendor} zeigte andere Angaben als dieser Termin: {what} ({when}). Die Angaben des Termins wurden erneut gesendet.',
  'repair.aspect.title': 'Titel',
  'repair.aspect.time': 'Zeit',
  'repair.aspect.guests': 'Gäste',
  'repair.aspect.recurrence': 'Wiederholung',
  'repair.aspectSeparator': ', ',
  'repair.refused':
    '{vendor} hat diese Besprechung nicht mehr. Eine neue wurde erstellt ({when}), aber Kalender hat dem Add-on nicht erlaubt, sie einzutragen.',
  'repair.button': 'Neue Besprechung eintragen',
  'repair.note.written': 'Die neue {vendor}-Besprechung ist eingetragen.',
  'repair.note.refused':
    'Kalender erlaubt dem Add-on weiterhin nicht, diesen Termin zu ändern. Fügen Sie die Konferenz von Hand erneut hinzu.',
  'repair.note.later': 'Kalender ist gerade beschäftigt. Versuchen Sie es in einer Minute erneut.',
  'repair.note.nothing': 'Für diesen Termin wartet nichts mehr.',
  'state.restoring':
    'Dieser Termin wurde aus dem Papierkorb wiederhergestellt. Das Add-on holt seine {vendor}-Besprechung zurück oder legt eine neue an, falls {vendor} das nicht kann: Sie müssen nichts tun.',
  'state.vendorLost':
    '{vendor} hat diese Besprechung nicht mehr. Das Add-on holt sie zurück oder legt eine neue an und trägt sie in den Termin ein: Sie müssen nichts tun.',
  'state.needsConference':
    '{vendor} hat diese Besprechung nicht mehr, und Kalender hat das Eintragen einer neuen in den Termin nicht erlaubt. Drücken Sie die Schaltfläche unten oder fügen Sie die Konferenz erneut hinzu.',
  'vendor.header': 'Was {vendor} hat',
  'vendor.label.title': 'Titel',
  'vendor.noTitleYet': '(noch kein Titel)',
  'vendor.label.starts': 'Beginn',
  'vendor.label.ends': 'Ende',
  'vendor.label.guests': 'Gäste',
  'vendor.guests': { one: '{n} Gast', other: '{n} Gäste' },
  'vendor.label.repeats': 'Wiederholt sich',
  'vendor.yes': 'Ja',
  'vendor.label.updated': 'Zuletzt aktualisiert',
  'vendor.missing': '{vendor} hat diese Besprechung nicht mehr.',
  'vendor.unauthorized':
    '{vendor} hat die Anmeldung nicht akzeptiert, daher können die Angaben nicht angezeigt werden.',
  'vendor.unavailable':
    '{vendor} war gerade nicht erreichbar, daher können die Angaben nicht angezeigt werden.',

  'settings.title': 'Einstellungen',
  'settings.subtitle': 'Verbindung zu {vendor}',
  'settings.label.address': '{vendor}-Adresse',
  'settings.notSet': 'Nicht festgelegt',
  'settings.label.signIn': 'Anmeldung',
  'settings.apiKey': 'Mit einem Schlüssel Ihres Administrators (nicht angezeigt)',
  'settings.signedIn': 'Jede Person meldet sich bei {vendor} an. Sie sind angemeldet.',
  'settings.notSignedIn': 'Jede Person meldet sich bei {vendor} an. Sie sind nicht angemeldet.',
  'settings.invalid': 'Die Anmeldung bei {vendor} ist nicht richtig eingerichtet.',
  'settings.label.problem': 'Problem bei der Einrichtung',
  'settings.label.test': 'Verbindungstest',
  'settings.test': 'Verbindung testen',
  'settings.signOut': 'Abmelden',
  'settings.back': 'Zurück',
  'settings.signInFirst': 'Melden Sie sich zuerst an und testen Sie dann die Verbindung.',
  'test.ok': 'Verbunden. {vendor} hat in {seconds} s geantwortet.',
  'test.unreachable': '{vendor} ist nicht erreichbar. Prüfen Sie die Adresse.',
  'test.rejected': '{vendor} hat den Schlüssel oder die Anmeldung nicht akzeptiert.',
  'test.forbidden': '{vendor} hat die Anmeldung akzeptiert, erlaubt dieses Add-on aber nicht.',
  'test.vendorError': '{vendor} hat gerade Probleme (Fehler {detail}). Versuchen Sie es später erneut.',

  'note.notSetUp': 'Das Add-on ist noch nicht eingerichtet. Siehe Einstellungen.',
  'note.signInFirst': 'Melden Sie sich zuerst bei {vendor} an.',
  'note.handedOver': 'Eine andere Prüfung läuft. Dieser Kalender wird direkt danach geprüft.',
  'note.continues': 'Gestartet. Der Rest der Prüfung läuft im Hintergrund weiter.',
  'note.unfinished': 'Die Prüfung wurde nicht beendet. Sie wird wiederholt.',
  'note.waiting': {
    one: 'Geprüft. {n} Änderung wartet darauf, an {vendor} gesendet zu werden.',
    other: 'Geprüft. {n} Änderungen warten darauf, an {vendor} gesendet zu werden.',
  },
  'note.checkedAll': 'Alles wurde neu geprüft.',
  'note.upToDate': 'Geprüft. Alles ist aktuell.',
  'note.busy': 'Gerade läuft eine Synchronisierung. Versuchen Sie es in einer Minute erneut.',
  'note.stopped': 'Synchronisierung von {calendar} beendet.',
  'note.nothingToResend': 'Nichts erneut zu senden.',
  'note.notSynced': 'Dieser Kalender wird nicht synchronisiert.',
  'note.removed': 'Die Besprechung wurde bei {vendor} entfernt, weil der Termin sie nicht mehr hat.',
  'note.sent': 'An {vendor} gesendet.',
  'note.refused': '{vendor} hat es nicht angenommen: {why}',
  'note.refusedNoReason': '{vendor} hat die Änderung nicht angenommen.',
  'note.unreachable': '{vendor} war nicht erreichbar. Es wird automatisch gesendet.',
  'note.finishSetup': 'Schließen Sie zuerst die Einrichtung ab (und melden Sie sich an).',
  'note.signedOut': 'Von {vendor} abgemeldet.',

  'auth.done': 'Sie sind angemeldet. Sie können diesen Tab schließen.',
  'auth.cancelled': 'Die Anmeldung wurde abgebrochen. Schließen Sie diesen Tab und versuchen Sie es erneut.',

  'conference.notes':
    '{vendor}-Besprechung. Änderungen an Titel, Zeit und Gästen des Termins erreichen {vendor} automatisch.',

  // Meeting options and the defaults for new meetings (issue 23, parts 2-3)
  'options.header': 'Besprechungsoptionen',
  'options.hint': 'Eine Änderung geht sofort an {vendor}.',
  'options.passcode': 'Kenncode',
  'options.waitingRoom': 'Warteraum',
  'options.joinBeforeHost': 'Gäste können vor dem Host beitreten',
  'options.muteOnEntry': 'Gäste beim Beitreten stummschalten',
  'options.autoRecording': 'Automatisch aufzeichnen',
  'options.alternativeHosts': 'Alternative Hosts',
  'options.on': 'An',
  'options.off': 'Aus',
  'options.passcodeOn': 'An: {passcode}',
  'options.turnOn': 'Einschalten',
  'options.turnOff': 'Ausschalten',
  'options.isHost': 'Alternativer Host',
  'options.isGuest': 'Gast',
  'options.makeHost': 'Zum Host machen',
  'options.removeHost': 'Entfernen',
  'options.noGuests': 'Fügen Sie dem Termin Gäste hinzu, um daraus alternative Hosts zu wählen.',
  'options.note.saved': 'Bei {vendor} gespeichert.',
  'options.note.savedShown': 'Bei {vendor} gespeichert. Der Termin zeigt die neuen Angaben.',
  'options.note.notAvailable': 'Diese Option kann hier nicht geändert werden.',
  'options.note.refused': '{vendor} hat die Änderung nicht übernommen.',
  'options.note.unreachable':
    '{vendor} war nicht erreichbar. Nichts wurde geändert: Versuchen Sie es erneut.',
  'options.note.signIn': 'Melden Sie sich zuerst bei {vendor} an.',
  'options.note.gone': '{vendor} hat diese Besprechung nicht mehr.',
  'defaults.header': 'Standard für neue Besprechungen',
  'defaults.hint': 'Neue {vendor}-Besprechungen, die Sie Terminen hinzufügen, erhalten diese Optionen.',
  'defaults.yours': '{value} (Ihre Wahl)',
  'defaults.organisation': '{value} (Ihre Organisation)',
  'defaults.vendorDecides': 'Wie {vendor} es festlegt',
  'defaults.reset': 'Standard verwenden',
  'defaults.note.saved': 'Gespeichert. Ihre neuen Besprechungen erhalten es.',
};
