/**
 * Reading built cards, for tests and tools: the JSON of a card or response (`cardToJson`), its visible
 * text (`cardText`) and its clickable things (`cardActions`). The builders are in cardService.ts, the
 * HTML rendering in render.ts.
 */

import { CardBuilder, type Json } from './cardService';

export type CardLike = { printJson(): string } | CardBuilder | Json;

/** The JSON of a built card or response (a `CardBuilder` is built first; plain JSON is returned as is). */
export function cardToJson(card: CardLike): Json {
  if (card instanceof CardBuilder) return JSON.parse(card.build().printJson());
  if (typeof (card as { printJson?: unknown }).printJson === 'function') {
    return JSON.parse((card as { printJson(): string }).printJson());
  }
  return structuredClone(card as Json);
}

export function asObj(v: unknown): Json | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}
export function asArr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Card JSONs inside any of: a card, an action response, a universal action response. */
export function cardsIn(json: Json): Json[] {
  if (Array.isArray(json.sections)) return [json];
  const action = asObj(asObj(json.renderActions)?.action) ?? asObj(json.action);
  const out: Json[] = [];
  for (const nav of asArr(action?.navigations)) {
    const n = asObj(nav);
    const c = asObj(n?.pushCard) ?? asObj(n?.updateCard);
    if (c) out.push(c);
  }
  return out;
}

export function widgetButtons(widget: Json): Json[] {
  const list = asObj(widget.buttonList);
  if (list)
    return asArr(list.buttons)
      .map(asObj)
      .filter((b): b is Json => !!b);
  const dt = asObj(widget.decoratedText);
  const b = asObj(dt?.button);
  return b ? [b] : [];
}

/** Visible text without HTML tags (`<br>` becomes a line break). */
export function plain(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * All visible text, one item per line: header, section headers, paragraphs, decorated texts with labels,
 * input labels and values, button and card-action texts, notifications. HTML tags are stripped.
 */
export function cardText(card: CardLike): string {
  const json = cardToJson(card);
  const lines: string[] = [];
  const push = (v: unknown) => {
    const s = str(v);
    if (s !== undefined && s !== '') lines.push(plain(s));
  };
  for (const c of cardsIn(json)) {
    const header = asObj(c.header);
    push(header?.title);
    push(header?.subtitle);
    for (const s of asArr(c.sections).map(asObj)) {
      push(s?.header);
      for (const w of asArr(s?.widgets).map(asObj)) {
        if (!w) continue;
        push(asObj(w.textParagraph)?.text);
        const dt = asObj(w.decoratedText);
        if (dt) {
          push(dt.topLabel);
          push(dt.text);
          push(dt.bottomLabel);
        }
        const input = asObj(w.textInput);
        if (input) {
          push(input.label);
          push(input.value);
        }
        for (const b of widgetButtons(w)) push(b.text);
      }
    }
    const footer = asObj(c.fixedFooter);
    push(asObj(footer?.primaryButton)?.text);
    push(asObj(footer?.secondaryButton)?.text);
    for (const a of asArr(c.cardActions).map(asObj)) push(a?.actionLabel);
  }
  push(asObj(asObj(asObj(json.renderActions)?.action)?.notification)?.text);
  return lines.join('\n');
}

export interface CardActionInfo {
  /** Button text, card-action label or decorated text. */
  text: string;
  functionName?: string;
  parameters: Record<string, string>;
  /** For an open-link or authorization button. */
  url?: string;
  disabled?: boolean;
}

/** Every clickable thing on the card(s), in display order (widgets, then footer, then card actions). */
export function cardActions(card: CardLike): CardActionInfo[] {
  const out: CardActionInfo[] = [];
  const add = (text: unknown, onClick: unknown, disabled?: unknown) => {
    const click = asObj(onClick);
    if (!click) return;
    const action = asObj(click.action);
    const link = asObj(click.openLink) ?? asObj(click.authorizationAction);
    const parameters: Record<string, string> = {};
    for (const p of asArr(action?.parameters).map(asObj)) if (p) parameters[String(p.key)] = String(p.value);
    out.push({
      text: plain(str(text) ?? ''),
      functionName: str(action?.function),
      parameters,
      url: str(link?.url) ?? str(link?.authorizationUrl),
      disabled: disabled === true ? true : undefined,
    });
  };
  for (const c of cardsIn(cardToJson(card))) {
    for (const s of asArr(c.sections).map(asObj)) {
      for (const w of asArr(s?.widgets).map(asObj)) {
        if (!w) continue;
        const dt = asObj(w.decoratedText);
        if (dt?.onClick) add(dt.text, dt.onClick);
        for (const b of widgetButtons(w)) add(b.text, b.onClick, b.disabled);
      }
    }
    const footer = asObj(c.fixedFooter);
    for (const b of [asObj(footer?.primaryButton), asObj(footer?.secondaryButton)])
      if (b) add(b.text, b.onClick, b.disabled);
    for (const a of asArr(c.cardActions).map(asObj)) if (a) add(a.actionLabel, a.onClick);
  }
  return out;
}
