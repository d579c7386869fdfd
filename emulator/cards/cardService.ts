/**
 * Emulated `CardService` (developers.google.com/apps-script/reference/card-service): the builders a
 * Workspace add-on needs for its homepage and event cards. Built objects (`Card`, `ActionResponse`, ...)
 * are immutable snapshots whose `printJson()` returns JSON shaped like Google's card JSON
 * (`{header:{title,subtitle}, sections:[{header, widgets:[{textParagraph:{text}}, ...]}], fixedFooter}`).
 *
 * Required fields are checked when a card (or response) is built, with clear `Exception`s: a card needs at
 * least one section, a section at least one widget, a button text and exactly one of action / link /
 * authorization action, an action a function name, parameters string values, and so on.
 *
 * Reading built cards: inspect.ts (`cardToJson`, `cardText`, `cardActions`); drawing them: render.ts.
 */

import { exception } from '../appsscript/errors';

export type Json = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | Json;

const TO_JSON = Symbol('cardJson');
const WIDGET = Symbol('widget');

interface JsonSource {
  [TO_JSON](): Json;
}
interface WidgetSource extends JsonSource {
  [WIDGET]: true;
}

function requireString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw exception(`Invalid argument: ${what} must be a string`);
  return value;
}

function requireInstance<T>(value: unknown, cls: abstract new (...args: never[]) => T, what: string): T {
  if (!(value instanceof cls)) throw exception(`Invalid argument: ${what}`);
  return value;
}

function compact(obj: Record<string, JsonValue | undefined>): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out;
}

// ---------------------------------------------------------------------------------------------- enums

export const TextButtonStyle = Object.freeze({
  TEXT: 'TEXT',
  OUTLINED: 'OUTLINED',
  FILLED: 'FILLED',
  FILLED_TONAL: 'FILLED_TONAL',
  BORDERLESS: 'BORDERLESS',
} as const);
export const OpenAs = Object.freeze({ FULL_SIZE: 'FULL_SIZE', OVERLAY: 'OVERLAY' } as const);
export const OnClose = Object.freeze({
  NOTHING: 'NOTHING',
  RELOAD: 'RELOAD',
  RELOAD_ADD_ON: 'RELOAD_ADD_ON',
} as const);
export const LoadIndicator = Object.freeze({ SPINNER: 'SPINNER', NONE: 'NONE' } as const);
export const ImageStyle = Object.freeze({ SQUARE: 'SQUARE', CIRCLE: 'CIRCLE' } as const);
export const Icon = Object.freeze({
  NONE: 'NONE',
  AIRPLANE: 'AIRPLANE',
  BOOKMARK: 'BOOKMARK',
  BUS: 'BUS',
  CAR: 'CAR',
  CLOCK: 'CLOCK',
  CONFIRMATION_NUMBER_ICON: 'CONFIRMATION_NUMBER_ICON',
  DESCRIPTION: 'DESCRIPTION',
  DOLLAR: 'DOLLAR',
  EMAIL: 'EMAIL',
  EVENT_SEAT: 'EVENT_SEAT',
  FLIGHT_ARRIVAL: 'FLIGHT_ARRIVAL',
  FLIGHT_DEPARTURE: 'FLIGHT_DEPARTURE',
  HOTEL: 'HOTEL',
  HOTEL_ROOM_TYPE: 'HOTEL_ROOM_TYPE',
  INVITE: 'INVITE',
  MAP_PIN: 'MAP_PIN',
  MEMBERSHIP: 'MEMBERSHIP',
  MULTIPLE_PEOPLE: 'MULTIPLE_PEOPLE',
  PERSON: 'PERSON',
  PHONE: 'PHONE',
  RESTAURANT_ICON: 'RESTAURANT_ICON',
  SHOPPING_CART: 'SHOPPING_CART',
  STAR: 'STAR',
  STORE: 'STORE',
  TICKET: 'TICKET',
  TRAIN: 'TRAIN',
  VIDEO_CAMERA: 'VIDEO_CAMERA',
  VIDEO_PLAY: 'VIDEO_PLAY',
} as const);

function requireEnum(value: unknown, values: Record<string, string>, what: string): string {
  if (typeof value !== 'string' || !Object.hasOwn(values, value))
    throw exception(`Invalid argument: ${what}`);
  return value;
}

// ----------------------------------------------------------------------------------- built objects

abstract class Printable {
  protected constructor(protected readonly json: Json) {}
  printJson(): string {
    return JSON.stringify(this.json, null, 2);
  }
  /** @internal */
  [TO_JSON](): Json {
    return structuredClone(this.json);
  }
}

export class Card extends Printable {
  constructor(json: Json) {
    super(json);
  }
}
export class ActionResponse extends Printable {
  constructor(json: Json) {
    super(json);
  }
}
export class UniversalActionResponse extends Printable {
  constructor(json: Json) {
    super(json);
  }
}
export class CalendarEventActionResponse extends Printable {
  constructor(json: Json) {
    super(json);
  }
}

// ----------------------------------------------------------------------------------------- actions

export class Action implements JsonSource {
  private functionName?: string;
  private parameters: Record<string, string> = {};
  private loadIndicator?: string;

  setFunctionName(name: string): Action {
    this.functionName = requireString(name, 'functionName');
    return this;
  }
  setParameters(parameters: Record<string, string>): Action {
    if (!parameters || typeof parameters !== 'object') throw exception('Invalid argument: parameters');
    for (const [k, v] of Object.entries(parameters)) {
      if (typeof v !== 'string')
        throw exception(`Invalid argument: parameters (value of "${k}" must be a string)`);
    }
    this.parameters = { ...parameters };
    return this;
  }
  setLoadIndicator(indicator: string): Action {
    this.loadIndicator = requireEnum(indicator, LoadIndicator, 'loadIndicator');
    return this;
  }
  [TO_JSON](): Json {
    if (!this.functionName) throw exception('Action is missing a function name (setFunctionName).');
    const params = Object.entries(this.parameters).map(([key, value]) => ({ key, value }));
    return compact({
      function: this.functionName,
      parameters: params.length > 0 ? params : undefined,
      loadIndicator: this.loadIndicator,
    });
  }
}

export class OpenLink implements JsonSource {
  private url?: string;
  private openAs?: string;
  private onClose?: string;
  setUrl(url: string): OpenLink {
    this.url = requireString(url, 'url');
    return this;
  }
  setOpenAs(openAs: string): OpenLink {
    this.openAs = requireEnum(openAs, OpenAs, 'openAs');
    return this;
  }
  setOnClose(onClose: string): OpenLink {
    this.onClose = requireEnum(onClose, OnClose, 'onClose');
    return this;
  }
  [TO_JSON](): Json {
    if (!this.url) throw exception('OpenLink is missing a URL (setUrl).');
    return compact({ url: this.url, openAs: this.openAs, onClose: this.onClose });
  }
}

export class AuthorizationAction implements JsonSource {
  private url?: string;
  setAuthorizationUrl(url: string): AuthorizationAction {
    this.url = requireString(url, 'authorizationUrl');
    return this;
  }
  [TO_JSON](): Json {
    if (!this.url)
      throw exception('AuthorizationAction is missing an authorization URL (setAuthorizationUrl).');
    return { authorizationUrl: this.url };
  }
}

/** Thrown by `AuthorizationException.throwException()`; the host shows an authorization prompt. */
export class AuthorizationExceptionError extends Error {
  constructor(
    readonly authorizationUrl: string,
    readonly resourceDisplayName: string | undefined,
    readonly customUiCallback: string | undefined,
  ) {
    super(
      `Authorization required${resourceDisplayName ? ` for ${resourceDisplayName}` : ''}: ${authorizationUrl}`,
    );
    this.name = 'AuthorizationException';
  }
  printJson(): string {
    return JSON.stringify(
      compact({
        authorizationUrl: this.authorizationUrl,
        resourceDisplayName: this.resourceDisplayName,
        customUiCallback: this.customUiCallback,
      }),
      null,
      2,
    );
  }
}

export class AuthorizationException {
  private url?: string;
  private resourceDisplayName?: string;
  private customUiCallback?: string;
  setAuthorizationUrl(url: string): AuthorizationException {
    this.url = requireString(url, 'authorizationUrl');
    return this;
  }
  setResourceDisplayName(name: string): AuthorizationException {
    this.resourceDisplayName = requireString(name, 'resourceDisplayName');
    return this;
  }
  setCustomUiCallback(callback: string): AuthorizationException {
    this.customUiCallback = requireString(callback, 'customUiCallback');
    return this;
  }
  printJson(): string {
    return JSON.stringify(
      compact({ authorizationUrl: this.url, resourceDisplayName: this.resourceDisplayName }),
      null,
      2,
    );
  }
  throwException(): never {
    if (!this.url)
      throw exception('AuthorizationException is missing an authorization URL (setAuthorizationUrl).');
    throw new AuthorizationExceptionError(this.url, this.resourceDisplayName, this.customUiCallback);
  }
}

/** Shared click handling of buttons, decorated text and card actions: exactly one of the three. */
class Clickable {
  protected action?: Action;
  protected openLink?: OpenLink;
  protected authorizationAction?: AuthorizationAction;

  protected setClick(kind: 'action' | 'openLink' | 'authorizationAction', value: unknown): void {
    this.action = undefined;
    this.openLink = undefined;
    this.authorizationAction = undefined;
    if (kind === 'action') this.action = requireInstance(value, Action, 'action');
    else if (kind === 'openLink') this.openLink = requireInstance(value, OpenLink, 'openLink');
    else this.authorizationAction = requireInstance(value, AuthorizationAction, 'authorizationAction');
  }

  protected onClickJson(): Json | undefined {
    if (this.action) return { action: this.action[TO_JSON]() };
    if (this.openLink) return { openLink: this.openLink[TO_JSON]() };
    if (this.authorizationAction) return { authorizationAction: this.authorizationAction[TO_JSON]() };
    return undefined;
  }
}

// ----------------------------------------------------------------------------------------- widgets

export class TextButton extends Clickable implements WidgetSource {
  readonly [WIDGET] = true as const;
  private text?: string;
  private style?: string;
  private disabled?: boolean;
  private altText?: string;

  setText(text: string): TextButton {
    this.text = requireString(text, 'text');
    return this;
  }
  setAltText(alt: string): TextButton {
    this.altText = requireString(alt, 'altText');
    return this;
  }
  setOnClickAction(action: Action): TextButton {
    this.setClick('action', action);
    return this;
  }
  setOpenLink(link: OpenLink): TextButton {
    this.setClick('openLink', link);
    return this;
  }
  setAuthorizationAction(action: AuthorizationAction): TextButton {
    this.setClick('authorizationAction', action);
    return this;
  }
  setTextButtonStyle(style: string): TextButton {
    this.style = requireEnum(style, TextButtonStyle, 'textButtonStyle');
    return this;
  }
  setDisabled(disabled: boolean): TextButton {
    this.disabled = Boolean(disabled);
    return this;
  }
  /** The button JSON (inside a `buttonList`, a footer or a decorated text). */
  buttonJson(): Json {
    if (!this.text) throw exception('TextButton is missing its text (setText).');
    const onClick = this.onClickJson();
    if (!onClick) {
      throw exception(
        `TextButton "${this.text}" needs an action, a link or an authorization action (setOnClickAction / setOpenLink).`,
      );
    }
    return compact({
      text: this.text,
      altText: this.altText,
      onClick,
      textButtonStyle: this.style,
      disabled: this.disabled,
    });
  }
  [TO_JSON](): Json {
    return { buttonList: { buttons: [this.buttonJson()] } };
  }
}

export class ButtonSet implements WidgetSource {
  readonly [WIDGET] = true as const;
  private buttons: TextButton[] = [];
  addButton(button: TextButton): ButtonSet {
    this.buttons.push(requireInstance(button, TextButton, 'button'));
    return this;
  }
  [TO_JSON](): Json {
    if (this.buttons.length === 0) throw exception('ButtonSet needs at least one button (addButton).');
    return { buttonList: { buttons: this.buttons.map((b) => b.buttonJson()) } };
  }
}

export class TextParagraph implements WidgetSource {
  readonly [WIDGET] = true as const;
  private text?: string;
  setText(text: string): TextParagraph {
    this.text = requireString(text, 'text');
    return this;
  }
  [TO_JSON](): Json {
    if (this.text === undefined) throw exception('TextParagraph is missing its text (setText).');
    return { textParagraph: { text: this.text } };
  }
}

export class IconImage implements JsonSource {
  private icon?: string;
  private iconUrl?: string;
  private altText?: string;
  setIcon(icon: string): IconImage {
    this.icon = requireEnum(icon, Icon, 'icon');
    this.iconUrl = undefined;
    return this;
  }
  setIconUrl(url: string): IconImage {
    this.iconUrl = requireString(url, 'iconUrl');
    this.icon = undefined;
    return this;
  }
  setAltText(alt: string): IconImage {
    this.altText = requireString(alt, 'altText');
    return this;
  }
  [TO_JSON](): Json {
    if (!this.icon && !this.iconUrl)
      throw exception('IconImage needs an icon or an icon URL (setIcon / setIconUrl).');
    return compact({ knownIcon: this.icon, iconUrl: this.iconUrl, altText: this.altText });
  }
}

export class DecoratedText extends Clickable implements WidgetSource {
  readonly [WIDGET] = true as const;
  private text?: string;
  private topLabel?: string;
  private bottomLabel?: string;
  private wrapText?: boolean;
  private button?: TextButton;
  private startIcon?: IconImage;

  setText(text: string): DecoratedText {
    this.text = requireString(text, 'text');
    return this;
  }
  setTopLabel(text: string): DecoratedText {
    this.topLabel = requireString(text, 'topLabel');
    return this;
  }
  setBottomLabel(text: string): DecoratedText {
    this.bottomLabel = requireString(text, 'bottomLabel');
    return this;
  }
  setWrapText(wrap: boolean): DecoratedText {
    this.wrapText = Boolean(wrap);
    return this;
  }
  setButton(button: TextButton): DecoratedText {
    this.button = requireInstance(button, TextButton, 'button');
    return this;
  }
  setStartIcon(icon: IconImage): DecoratedText {
    this.startIcon = requireInstance(icon, IconImage, 'startIcon (use CardService.newIconImage())');
    return this;
  }
  setOnClickAction(action: Action): DecoratedText {
    this.setClick('action', action);
    return this;
  }
  setOpenLink(link: OpenLink): DecoratedText {
    this.setClick('openLink', link);
    return this;
  }
  [TO_JSON](): Json {
    if (this.text === undefined) throw exception('DecoratedText is missing its text (setText).');
    return {
      decoratedText: compact({
        topLabel: this.topLabel,
        text: this.text,
        bottomLabel: this.bottomLabel,
        wrapText: this.wrapText,
        startIcon: this.startIcon?.[TO_JSON](),
        button: this.button?.buttonJson(),
        onClick: this.onClickJson(),
      }),
    };
  }
}

export class Divider implements WidgetSource {
  readonly [WIDGET] = true as const;
  [TO_JSON](): Json {
    return { divider: {} };
  }
}

export class TextInput implements WidgetSource {
  readonly [WIDGET] = true as const;
  private fieldName?: string;
  private title?: string;
  private value?: string;
  private hint?: string;
  private multiline?: boolean;
  setFieldName(name: string): TextInput {
    this.fieldName = requireString(name, 'fieldName');
    return this;
  }
  setTitle(title: string): TextInput {
    this.title = requireString(title, 'title');
    return this;
  }
  setValue(value: string): TextInput {
    this.value = requireString(value, 'value');
    return this;
  }
  setHint(hint: string): TextInput {
    this.hint = requireString(hint, 'hint');
    return this;
  }
  setMultiline(multiline: boolean): TextInput {
    this.multiline = Boolean(multiline);
    return this;
  }
  [TO_JSON](): Json {
    if (!this.fieldName) throw exception('TextInput is missing its field name (setFieldName).');
    return {
      textInput: compact({
        name: this.fieldName,
        label: this.title,
        value: this.value,
        hintText: this.hint,
        type: this.multiline ? 'MULTIPLE_LINE' : undefined,
      }),
    };
  }
}

// ------------------------------------------------------------------------------ card composition

export class CardHeader implements JsonSource {
  private title?: string;
  private subtitle?: string;
  private imageUrl?: string;
  private imageStyle?: string;
  private imageAltText?: string;
  setTitle(title: string): CardHeader {
    this.title = requireString(title, 'title');
    return this;
  }
  setSubtitle(subtitle: string): CardHeader {
    this.subtitle = requireString(subtitle, 'subtitle');
    return this;
  }
  setImageUrl(url: string): CardHeader {
    this.imageUrl = requireString(url, 'imageUrl');
    return this;
  }
  setImageStyle(style: string): CardHeader {
    this.imageStyle = requireEnum(style, ImageStyle, 'imageStyle');
    return this;
  }
  setImageAltText(alt: string): CardHeader {
    this.imageAltText = requireString(alt, 'imageAltText');
    return this;
  }
  [TO_JSON](): Json {
    if (!this.title) throw exception('CardHeader is missing its title (setTitle).');
    return compact({
      title: this.title,
      subtitle: this.subtitle,
      imageUrl: this.imageUrl,
      imageType: this.imageStyle,
      imageAltText: this.imageAltText,
    });
  }
}

export class CardSection implements JsonSource {
  private header?: string;
  private widgets: WidgetSource[] = [];
  private collapsible?: boolean;
  private uncollapsible?: number;
  setHeader(header: string): CardSection {
    this.header = requireString(header, 'header');
    return this;
  }
  addWidget(widget: WidgetSource): CardSection {
    if (!widget || (widget as Partial<WidgetSource>)[WIDGET] !== true)
      throw exception('Invalid argument: widget');
    this.widgets.push(widget);
    return this;
  }
  setCollapsible(collapsible: boolean): CardSection {
    this.collapsible = Boolean(collapsible);
    return this;
  }
  setNumUncollapsibleWidgets(n: number): CardSection {
    if (!Number.isInteger(n) || n < 0) throw exception('Invalid argument: numUncollapsibleWidgets');
    this.uncollapsible = n;
    return this;
  }
  [TO_JSON](): Json {
    if (this.widgets.length === 0) {
      throw exception(
        `CardSection${this.header ? ` "${this.header}"` : ''} needs at least one widget (addWidget).`,
      );
    }
    return compact({
      header: this.header,
      collapsible: this.collapsible,
      uncollapsibleWidgetsCount: this.uncollapsible,
      widgets: this.widgets.map((w) => w[TO_JSON]()),
    });
  }
}

export class FixedFooter implements JsonSource {
  private primary?: TextButton;
  private secondary?: TextButton;
  setPrimaryButton(button: TextButton): FixedFooter {
    this.primary = requireInstance(button, TextButton, 'primaryButton');
    return this;
  }
  setSecondaryButton(button: TextButton): FixedFooter {
    this.secondary = requireInstance(button, TextButton, 'secondaryButton');
    return this;
  }
  [TO_JSON](): Json {
    if (!this.primary) throw exception('FixedFooter needs a primary button (setPrimaryButton).');
    return compact({
      primaryButton: this.primary.buttonJson(),
      secondaryButton: this.secondary?.buttonJson(),
    });
  }
}

export class CardAction extends Clickable implements JsonSource {
  private text?: string;
  setText(text: string): CardAction {
    this.text = requireString(text, 'text');
    return this;
  }
  setOnClickAction(action: Action): CardAction {
    this.setClick('action', action);
    return this;
  }
  setOpenLink(link: OpenLink): CardAction {
    this.setClick('openLink', link);
    return this;
  }
  setAuthorizationAction(action: AuthorizationAction): CardAction {
    this.setClick('authorizationAction', action);
    return this;
  }
  [TO_JSON](): Json {
    if (!this.text) throw exception('CardAction is missing its text (setText).');
    const onClick = this.onClickJson();
    if (!onClick) throw exception(`CardAction "${this.text}" needs an action or a link.`);
    return { actionLabel: this.text, onClick };
  }
}

export class CardBuilder {
  private header?: CardHeader;
  private sections: CardSection[] = [];
  private footer?: FixedFooter;
  private name?: string;
  private actions: CardAction[] = [];
  setHeader(header: CardHeader): CardBuilder {
    this.header = requireInstance(header, CardHeader, 'header');
    return this;
  }
  addSection(section: CardSection): CardBuilder {
    this.sections.push(requireInstance(section, CardSection, 'section'));
    return this;
  }
  setFixedFooter(footer: FixedFooter): CardBuilder {
    this.footer = requireInstance(footer, FixedFooter, 'fixedFooter');
    return this;
  }
  setName(name: string): CardBuilder {
    this.name = requireString(name, 'name');
    return this;
  }
  addCardAction(action: CardAction): CardBuilder {
    this.actions.push(requireInstance(action, CardAction, 'cardAction'));
    return this;
  }
  build(): Card {
    if (this.sections.length === 0) throw exception('Card needs at least one section (addSection).');
    return new Card(
      compact({
        name: this.name,
        header: this.header?.[TO_JSON](),
        sections: this.sections.map((s) => s[TO_JSON]()),
        fixedFooter: this.footer?.[TO_JSON](),
        cardActions: this.actions.length > 0 ? this.actions.map((a) => a[TO_JSON]()) : undefined,
      }),
    );
  }
}

// ------------------------------------------------------------------------------------- responses

export class Navigation implements JsonSource {
  private steps: Json[] = [];
  pushCard(card: Card): Navigation {
    this.steps.push({ pushCard: requireInstance(card, Card, 'card (a built Card)')[TO_JSON]() });
    return this;
  }
  updateCard(card: Card): Navigation {
    this.steps.push({ updateCard: requireInstance(card, Card, 'card (a built Card)')[TO_JSON]() });
    return this;
  }
  popCard(): Navigation {
    this.steps.push({ popCard: true });
    return this;
  }
  popToRoot(): Navigation {
    this.steps.push({ popToRoot: true });
    return this;
  }
  popToNamedCard(name: string): Navigation {
    this.steps.push({ popToCard: requireString(name, 'cardName') });
    return this;
  }
  [TO_JSON](): Json {
    return { navigations: structuredClone(this.steps) };
  }
  /** @internal */
  isEmpty(): boolean {
    return this.steps.length === 0;
  }
}

export class Notification implements JsonSource {
  private text?: string;
  setText(text: string): Notification {
    this.text = requireString(text, 'text');
    return this;
  }
  [TO_JSON](): Json {
    if (!this.text) throw exception('Notification is missing its text (setText).');
    return { text: this.text };
  }
}

export class ActionResponseBuilder {
  private navigation?: Navigation;
  private notification?: Notification;
  private openLink?: OpenLink;
  private stateChanged?: boolean;
  setNavigation(navigation: Navigation): ActionResponseBuilder {
    this.navigation = requireInstance(navigation, Navigation, 'navigation');
    return this;
  }
  setNotification(notification: Notification): ActionResponseBuilder {
    this.notification = requireInstance(notification, Notification, 'notification');
    return this;
  }
  setOpenLink(link: OpenLink): ActionResponseBuilder {
    this.openLink = requireInstance(link, OpenLink, 'openLink');
    return this;
  }
  setStateChanged(changed: boolean): ActionResponseBuilder {
    this.stateChanged = Boolean(changed);
    return this;
  }
  build(): ActionResponse {
    if (!this.navigation && !this.notification && !this.openLink && this.stateChanged === undefined) {
      throw exception(
        'ActionResponse is empty: set a navigation, a notification, a link or the state change.',
      );
    }
    const action = compact({
      navigations: this.navigation?.[TO_JSON]().navigations,
      notification: this.notification?.[TO_JSON](),
      link: this.openLink?.[TO_JSON](),
    });
    return new ActionResponse(compact({ renderActions: { action }, stateChanged: this.stateChanged }));
  }
}

export class UniversalActionResponseBuilder {
  private cards?: Card[];
  private openLink?: OpenLink;
  displayAddOnCards(cards: Card[]): UniversalActionResponseBuilder {
    if (!Array.isArray(cards)) throw exception('Invalid argument: cards');
    this.cards = cards.map((c) => requireInstance(c, Card, 'card (a built Card)'));
    this.openLink = undefined;
    return this;
  }
  setOpenLink(link: OpenLink): UniversalActionResponseBuilder {
    this.openLink = requireInstance(link, OpenLink, 'openLink');
    this.cards = undefined;
    return this;
  }
  build(): UniversalActionResponse {
    if (this.cards && this.cards.length > 0) {
      return new UniversalActionResponse({
        action: { navigations: this.cards.map((c) => ({ pushCard: c[TO_JSON]() })) },
      });
    }
    if (this.openLink) return new UniversalActionResponse({ action: { link: this.openLink[TO_JSON]() } });
    throw exception('UniversalActionResponse needs cards (displayAddOnCards) or a link (setOpenLink).');
  }
}

/** The ConferenceData a built CalendarEventActionResponse sets (for Calendar to apply to the open event). */
const editedConference = new WeakMap<object, unknown>();

/** What `setConferenceData` was given for this response, or undefined. */
export function editedConferenceData(response: unknown): unknown {
  return typeof response === 'object' && response !== null ? editedConference.get(response) : undefined;
}

/** Minimal: attendees and conference data (anything with `printJson()` or a plain object). */
export class CalendarEventActionResponseBuilder {
  private attendees: string[] = [];
  private conferenceData?: JsonValue;
  private conferenceSource?: unknown;
  addAttendees(emails: string[]): CalendarEventActionResponseBuilder {
    if (!Array.isArray(emails)) throw exception('Invalid argument: emails');
    for (const e of emails) this.attendees.push(requireString(e, 'email'));
    return this;
  }
  setConferenceData(data: unknown): CalendarEventActionResponseBuilder {
    if (!data || typeof data !== 'object') throw exception('Invalid argument: conferenceData');
    const printable = data as { printJson?: () => string };
    this.conferenceSource = data;
    this.conferenceData =
      typeof printable.printJson === 'function'
        ? JSON.parse(printable.printJson())
        : structuredClone(data as Json);
    return this;
  }
  build(): CalendarEventActionResponse {
    if (this.attendees.length === 0 && this.conferenceData === undefined) {
      throw exception('CalendarEventActionResponse needs attendees or conference data.');
    }
    const response = new CalendarEventActionResponse({
      hostAppAction: {
        calendarAction: compact({
          editEventAction: compact({
            addAttendees: this.attendees.length > 0 ? this.attendees.map((email) => ({ email })) : undefined,
            conferenceData: this.conferenceData,
          }),
        }),
      },
    });
    if (this.conferenceSource !== undefined) editedConference.set(response, this.conferenceSource);
    return response;
  }
}

// ------------------------------------------------------------------------------------ the global

export function createCardService() {
  return {
    newCardBuilder: () => new CardBuilder(),
    newCardHeader: () => new CardHeader(),
    newCardSection: () => new CardSection(),
    newCardAction: () => new CardAction(),
    newTextParagraph: () => new TextParagraph(),
    newDecoratedText: () => new DecoratedText(),
    newTextButton: () => new TextButton(),
    newButtonSet: () => new ButtonSet(),
    newIconImage: () => new IconImage(),
    newAction: () => new Action(),
    newOpenLink: () => new OpenLink(),
    newNavigation: () => new Navigation(),
    newNotification: () => new Notification(),
    newActionResponseBuilder: () => new ActionResponseBuilder(),
    newUniversalActionResponseBuilder: () => new UniversalActionResponseBuilder(),
    newCalendarEventActionResponseBuilder: () => new CalendarEventActionResponseBuilder(),
    newFixedFooter: () => new FixedFooter(),
    newDivider: () => new Divider(),
    newTextInput: () => new TextInput(),
    newAuthorizationAction: () => new AuthorizationAction(),
    newAuthorizationException: () => new AuthorizationException(),
    TextButtonStyle,
    OpenAs,
    OnClose,
    LoadIndicator,
    ImageStyle,
    Icon,
  };
}

export type EmulatedCardService = ReturnType<typeof createCardService>;
