import { AuthorizationExceptionError, createCardService } from '../../../emulator/cards/cardService';
import { cardActions, cardText, cardToJson } from '../../../emulator/cards/inspect';
import { cardToHtml } from '../../../emulator/cards/render';

const CardService = createCardService();

function homepage() {
  const join = CardService.newTextButton()
    .setText('Join')
    .setOpenLink(
      CardService.newOpenLink()
        .setUrl('https://meet.example.com/abc')
        .setOpenAs(CardService.OpenAs.FULL_SIZE),
    );
  const create = CardService.newTextButton()
    .setText('Create meeting')
    .setTextButtonStyle(CardService.TextButtonStyle.FILLED)
    .setOnClickAction(
      CardService.newAction()
        .setFunctionName('onCreate')
        .setParameters({ calendarId: 'primary', eventId: 'e1' })
        .setLoadIndicator(CardService.LoadIndicator.SPINNER),
    );
  return CardService.newCardBuilder()
    .setName('home')
    .setHeader(CardService.newCardHeader().setTitle('Acme Meetings').setSubtitle('Signed in as <b>ann</b>'))
    .addSection(
      CardService.newCardSection()
        .setHeader('Next meeting')
        .addWidget(CardService.newTextParagraph().setText('Weekly <b>sync</b><br>10:00'))
        .addWidget(
          CardService.newDecoratedText()
            .setTopLabel('Conference')
            .setText('abc-123')
            .setBottomLabel('PIN 42')
            .setWrapText(true)
            .setStartIcon(CardService.newIconImage().setIcon(CardService.Icon.VIDEO_CAMERA))
            .setButton(join),
        )
        .addWidget(CardService.newDivider())
        .addWidget(CardService.newButtonSet().addButton(create))
        .setCollapsible(true),
    )
    .setFixedFooter(
      CardService.newFixedFooter().setPrimaryButton(
        CardService.newTextButton()
          .setText('Settings')
          .setOnClickAction(CardService.newAction().setFunctionName('onSettings')),
      ),
    );
}

describe('CardService card builders', () => {
  it('printJson gives Google-shaped card JSON', () => {
    const json = JSON.parse(homepage().build().printJson());
    expect(json).toEqual({
      name: 'home',
      header: { title: 'Acme Meetings', subtitle: 'Signed in as <b>ann</b>' },
      sections: [
        {
          header: 'Next meeting',
          collapsible: true,
          widgets: [
            { textParagraph: { text: 'Weekly <b>sync</b><br>10:00' } },
            {
              decoratedText: {
                topLabel: 'Conference',
                text: 'abc-123',
                bottomLabel: 'PIN 42',
                wrapText: true,
                startIcon: { knownIcon: 'VIDEO_CAMERA' },
                button: {
                  text: 'Join',
                  onClick: { openLink: { url: 'https://meet.example.com/abc', openAs: 'FULL_SIZE' } },
                },
              },
            },
            { divider: {} },
            {
              buttonList: {
                buttons: [
                  {
                    text: 'Create meeting',
                    textButtonStyle: 'FILLED',
                    onClick: {
                      action: {
                        function: 'onCreate',
                        parameters: [
                          { key: 'calendarId', value: 'primary' },
                          { key: 'eventId', value: 'e1' },
                        ],
                        loadIndicator: 'SPINNER',
                      },
                    },
                  },
                ],
              },
            },
          ],
        },
      ],
      fixedFooter: { primaryButton: { text: 'Settings', onClick: { action: { function: 'onSettings' } } } },
    });
  });

  it('a built card is a snapshot: later builder changes do not affect it', () => {
    const builder = homepage();
    const card = builder.build();
    builder.setName('other');
    expect(cardToJson(card).name).toBe('home');
  });

  it('a text button added directly to a section becomes a one-button buttonList; text inputs keep name/label/value', () => {
    const card = CardService.newCardBuilder()
      .addSection(
        CardService.newCardSection()
          .addWidget(
            CardService.newTextButton()
              .setText('Go')
              .setOnClickAction(CardService.newAction().setFunctionName('go')),
          )
          .addWidget(CardService.newTextInput().setFieldName('room').setTitle('Room').setValue('Blue')),
      )
      .build();
    expect(cardToJson(card).sections).toEqual([
      {
        widgets: [
          { buttonList: { buttons: [{ text: 'Go', onClick: { action: { function: 'go' } } }] } },
          { textInput: { name: 'room', label: 'Room', value: 'Blue' } },
        ],
      },
    ]);
  });
});

describe('CardService validation', () => {
  const section = () => CardService.newCardSection().addWidget(CardService.newTextParagraph().setText('x'));

  it('a card needs at least one section', () => {
    expect(() => CardService.newCardBuilder().build()).toThrow('Card needs at least one section');
  });
  it('a section needs at least one widget', () => {
    expect(() =>
      CardService.newCardBuilder().addSection(CardService.newCardSection().setHeader('Empty')).build(),
    ).toThrow('CardSection "Empty" needs at least one widget');
  });
  it('a text button needs text and an action or a link', () => {
    const noAction = CardService.newTextButton().setText('Nope');
    expect(() => CardService.newCardBuilder().addSection(section().addWidget(noAction)).build()).toThrow(
      'TextButton "Nope" needs an action, a link or an authorization action',
    );
    const noText = CardService.newTextButton().setOnClickAction(CardService.newAction().setFunctionName('f'));
    expect(() => CardService.newCardBuilder().addSection(section().addWidget(noText)).build()).toThrow(
      'TextButton is missing its text',
    );
  });
  it('an action needs a function name and string parameter values', () => {
    const b = CardService.newTextButton().setText('B').setOnClickAction(CardService.newAction());
    expect(() => CardService.newCardBuilder().addSection(section().addWidget(b)).build()).toThrow(
      'Action is missing a function name',
    );
    expect(() => CardService.newAction().setParameters({ n: 1 as unknown as string })).toThrow(
      'value of "n" must be a string',
    );
  });
  it('a header needs a title; widgets, icons and enums are type-checked', () => {
    expect(() =>
      CardService.newCardBuilder()
        .setHeader(CardService.newCardHeader().setSubtitle('s'))
        .addSection(section())
        .build(),
    ).toThrow('CardHeader is missing its title');
    expect(() => CardService.newCardSection().addWidget({} as never)).toThrow('Invalid argument: widget');
    expect(() => CardService.newDecoratedText().setStartIcon('EMAIL' as never)).toThrow(
      'Invalid argument: startIcon',
    );
    expect(() => CardService.newTextButton().setTextButtonStyle('LOUD')).toThrow(
      'Invalid argument: textButtonStyle',
    );
    expect(() => CardService.newFixedFooter().setPrimaryButton('x' as never)).toThrow(
      'Invalid argument: primaryButton',
    );
  });
});

describe('CardService responses', () => {
  it('ActionResponse carries navigation, notification and link', () => {
    const card = homepage().build();
    const res = CardService.newActionResponseBuilder()
      .setNavigation(CardService.newNavigation().pushCard(card).popCard())
      .setNotification(CardService.newNotification().setText('Saved'))
      .setStateChanged(true)
      .build();
    const json = cardToJson(res);
    expect(json.stateChanged).toBe(true);
    expect(json.renderActions).toEqual({
      action: {
        navigations: [{ pushCard: cardToJson(card) }, { popCard: true }],
        notification: { text: 'Saved' },
      },
    });
    expect(cardText(res)).toContain('Saved');
    expect(() => CardService.newNavigation().pushCard(homepage() as never)).toThrow('Invalid argument: card');
    expect(() => CardService.newActionResponseBuilder().build()).toThrow('ActionResponse is empty');
  });

  it('UniversalActionResponse displays cards; CalendarEventActionResponse adds attendees', () => {
    const u = CardService.newUniversalActionResponseBuilder().displayAddOnCards([homepage().build()]).build();
    expect(cardText(u)).toContain('Acme Meetings');
    const c = CardService.newCalendarEventActionResponseBuilder().addAttendees(['a@example.com']).build();
    expect(cardToJson(c)).toEqual({
      hostAppAction: { calendarAction: { editEventAction: { addAttendees: [{ email: 'a@example.com' }] } } },
    });
  });

  it('AuthorizationException.throwException throws an authorization prompt', () => {
    const e = (() => {
      try {
        CardService.newAuthorizationException()
          .setAuthorizationUrl('https://auth.example.com/o')
          .setResourceDisplayName('Acme')
          .throwException();
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(AuthorizationExceptionError);
    expect(e).toMatchObject({ authorizationUrl: 'https://auth.example.com/o', resourceDisplayName: 'Acme' });
    const btn = CardService.newTextButton()
      .setText('Sign in')
      .setAuthorizationAction(
        CardService.newAuthorizationAction().setAuthorizationUrl('https://auth.example.com/o'),
      );
    const card = CardService.newCardBuilder().addSection(CardService.newCardSection().addWidget(btn)).build();
    expect(cardActions(card)).toEqual([
      { text: 'Sign in', parameters: {}, url: 'https://auth.example.com/o' },
    ]);
  });
});

describe('card test helpers', () => {
  it('cardText lists all visible text without HTML', () => {
    expect(cardText(homepage().build()).split('\n')).toEqual([
      'Acme Meetings',
      'Signed in as ann',
      'Next meeting',
      'Weekly sync',
      '10:00',
      'Conference',
      'abc-123',
      'PIN 42',
      'Join',
      'Create meeting',
      'Settings',
    ]);
  });

  it('cardActions lists every button with its function and parameters', () => {
    expect(cardActions(homepage())).toEqual([
      { text: 'Join', parameters: {}, url: 'https://meet.example.com/abc' },
      {
        text: 'Create meeting',
        functionName: 'onCreate',
        parameters: { calendarId: 'primary', eventId: 'e1' },
      },
      { text: 'Settings', functionName: 'onSettings', parameters: {} },
    ]);
  });

  it('cardToHtml renders an escaped static preview', () => {
    const html = cardToHtml(homepage().build());
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<div class="title">Acme Meetings</div>');
    expect(html).toContain('<p>Weekly <b>sync</b><br>10:00</p>');
    expect(html).toContain('data-function="onCreate"');
    // Nothing is fetched from the network: no external fonts, style sheets, scripts or images.
    expect(html).not.toMatch(/https?:\/\/(?!conference\.example\.com)[^"']*\.(css|js|woff2?|ttf|png)/);
    const evil = CardService.newCardBuilder()
      .addSection(
        CardService.newCardSection().addWidget(CardService.newTextParagraph().setText('<script>x</script>')),
      )
      .build();
    expect(cardToHtml(evil)).toContain('&lt;script&gt;x&lt;/script&gt;');
  });
});
