import type { CalendarStatus } from '../status/status';

/** The homepage card: one section per watched calendar. */
export function buildHomepageCard(statuses: CalendarStatus[]): GoogleAppsScript.Card_Service.Card {
  const card = CardService.newCardBuilder().setHeader(CardService.newCardHeader().setTitle('Meeting sync'));
  if (statuses.length === 0) {
    card.addSection(
      CardService.newCardSection().addWidget(
        CardService.newTextParagraph().setText(
          'No calendar is synced yet. Add a meeting to an event to start.',
        ),
      ),
    );
  }
  for (const s of statuses) {
    const section = CardService.newCardSection().setHeader(s.calendarId);
    const last = s.lastSyncAt ? new Date(s.lastSyncAt).toISOString().replace('T', ' ').slice(0, 16) : 'never';
    section.addWidget(
      CardService.newDecoratedText()
        .setTopLabel('Last sync')
        .setText(`${last} (${s.lastOutcome ?? 'not run'})`),
    );
    section.addWidget(
      CardService.newDecoratedText()
        .setTopLabel('Meetings')
        .setText(`${s.conferences} synced, ${s.pending} waiting to be sent`),
    );
    card.addSection(section);
  }
  return card.build();
}
