import { createCardService } from '../../../emulator/cards/cardService';
import { cardToJson } from '../../../emulator/cards/inspect';
import { CARD_CSS, cardToHtml, panelHtml } from '../../../emulator/cards/render';

const CardService = createCardService();

function card() {
  const run = CardService.newAction().setFunctionName('onSyncNow').setParameters({ calendarId: 'a"b@x' });
  return CardService.newCardBuilder()
    .setHeader(CardService.newCardHeader().setTitle('Meeting sync'))
    .addSection(
      CardService.newCardSection()
        .addWidget(
          CardService.newDecoratedText()
            .setTopLabel('Join link')
            .setText('https://conference.example.com/j/a-very-long-meeting-id'),
        )
        .addWidget(
          CardService.newButtonSet()
            .addButton(
              CardService.newTextButton()
                .setText('Sync now')
                .setOnClickAction(run)
                .setTextButtonStyle(CardService.TextButtonStyle.FILLED_TONAL),
            )
            .addButton(
              CardService.newTextButton()
                .setText('Join')
                .setOpenLink(CardService.newOpenLink().setUrl('https://conference.example.com/j/1')),
            ),
        ),
    )
    .build();
}

describe('card renderer (the side panel look shared by npm run cards and the playground)', () => {
  it('draws the panel with the add-on name and an inline logo, nothing loaded from the network', () => {
    const html = cardToHtml(card(), { name: 'Acme Meetings' });
    expect(html).toContain('<span class="name">Acme Meetings</span>');
    expect(html).toContain('<svg class="logo"');
    // Roboto is inline (data: URLs from @fontsource-variable/roboto), so no font package is needed.
    expect(html).toMatch(/@font-face\{font-family:Roboto;[^}]*src:url\(data:font\/woff2;base64,/);
    expect(html).not.toMatch(/<link|@import|url\((?!data:)|<img|<script/);
  });

  it('keeps buttons runnable by a host page: function and parameters, links, styles', () => {
    const html = panelHtml(cardToJson(card()), { name: 'x' }, { canGoBack: true, notification: 'Done <b>' });
    expect(html).toContain('class="btn btn-filled_tonal" data-function="onSyncNow"');
    expect(html).toContain('data-params="{&quot;calendarId&quot;:&quot;a\\&quot;b@x&quot;}"');
    expect(html).toContain('class="btn btn-outlined" data-href="https://conference.example.com/j/1"');
    expect(html).toContain('data-back');
    expect(html).toContain('<div class="notification" role="status">Done &lt;b&gt;</div>');
  });

  it('is 300 px wide, wraps long links and uses a local Google Sans / Roboto stack', () => {
    expect(CARD_CSS).toContain('width:300px');
    expect(CARD_CSS).toMatch(/\.decorated \.text\{[^}]*overflow-wrap:anywhere/);
    expect(CARD_CSS).toContain('"Google Sans", Roboto');
  });
});
