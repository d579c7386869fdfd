/**
 * Draws built cards the way Google Calendar's add-on side panel does (Material look): a panel about
 * 300 px wide with a top bar carrying the add-on's logo and name, Google Sans / Roboto type at
 * Calendar's sizes, blue text buttons, dividers between sections and long links wrapped. Used by
 * `npm run cards` (static previews) and by the playground's side panel (scripts/playground), so what
 * a reviewer looks at is what the playground shows.
 *
 * Roboto and Noto Sans JP from node_modules (./fonts.ts) and an inline SVG logo: the output never loads anything from
 * the network (the manifest's logoUrl is on gstatic.com, so the top bar draws the same Material icon
 * inline).
 *
 * Clickable things carry data attributes for a host page: `data-function` + `data-params` (JSON) for
 * an action, `data-href` for a link, `data-auth` for an authorization action.
 */

import type { Json } from './cardService';
import { inlineFontFaceCss, JAPANESE_FAMILY } from './fonts';
import { asArr, asObj, type CardLike, cardsIn, cardToJson, plain, str } from './inspect';

export interface PanelChrome {
  /** The add-on's name (manifest addOns.common.name). */
  name: string;
}

/** Material "video_call" (the manifest's logo), inline so nothing is fetched. */
export const LOGO_SVG =
  '<svg class="logo" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path fill="currentColor" d="M17 10.5V7c0-.55-.45-1-1-1H4c-.55 0-1 .45-1 1v10c0 .55.45 1 1 1h12c.55 0 1-.45 1-1v-3.5l4 4v-11l-4 4zM14 13h-3v3H9v-3H6v-2h3V8h2v3h3v2z"/></svg>';

const FONT_TEXT = `"Google Sans Text", Roboto, ${JAPANESE_FAMILY}, "Helvetica Neue", Arial, "Liberation Sans", sans-serif`;
const FONT_UI = `"Google Sans", Roboto, ${JAPANESE_FAMILY}, "Helvetica Neue", Arial, "Liberation Sans", sans-serif`;

/** The panel's style sheet (scoped under `.addon-panel`). */
export const CARD_CSS = `
.addon-panel{box-sizing:border-box;width:300px;background:#fff;color:#3c4043;font:400 14px/20px ${FONT_TEXT};
  border-left:1px solid #dadce0;display:flex;flex-direction:column;overflow:hidden;position:relative}
.addon-panel *{box-sizing:border-box}
.addon-panel .topbar{display:flex;align-items:center;gap:12px;height:56px;padding:0 16px;flex:none;
  border-bottom:1px solid #dadce0;font:400 16px/24px ${FONT_UI};color:#202124}
.addon-panel .topbar .logo{color:#1a73e8;flex:none}
.addon-panel .topbar .name{flex:1;min-width:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.addon-panel .back{border:0;background:none;color:#5f6368;font:500 20px/1 ${FONT_UI};cursor:pointer;padding:4px;margin-left:-8px}
.addon-panel .scroll{flex:1;overflow-y:auto;overflow-x:hidden}
.addon-panel .card-header{display:flex;gap:12px;align-items:center;padding:16px 16px 12px}
.addon-panel .card-header img{width:40px;height:40px;flex:none}
.addon-panel .card-header .title{font:500 16px/24px ${FONT_UI};color:#202124;overflow-wrap:anywhere}
.addon-panel .card-header .subtitle{font:400 14px/20px ${FONT_TEXT};color:#5f6368;overflow-wrap:anywhere}
.addon-panel section{padding:12px 16px;border-top:1px solid #e0e0e0}
.addon-panel section h3{margin:0 0 8px;font:500 14px/20px ${FONT_UI};color:#202124;overflow-wrap:anywhere}
.addon-panel p{margin:0 0 8px;overflow-wrap:anywhere}
.addon-panel .decorated{display:flex;gap:12px;margin:0 0 8px}
.addon-panel .decorated .body{flex:1;min-width:0}
.addon-panel .decorated .top,.addon-panel .decorated .bottom{font:400 12px/16px ${FONT_TEXT};color:#5f6368}
.addon-panel .decorated .text{color:#202124;overflow-wrap:anywhere}
.addon-panel .decorated.clickable{cursor:pointer}
.addon-panel .icon{width:24px;height:24px;flex:none;color:#5f6368;font-size:11px}
.addon-panel .buttons{display:flex;flex-wrap:wrap;gap:4px 8px;margin:4px 0 4px -8px}
.addon-panel .btn{height:36px;min-width:0;padding:0 8px;border:0;border-radius:4px;background:transparent;
  color:#1a73e8;font:500 14px/36px ${FONT_UI};letter-spacing:.25px;cursor:pointer;max-width:100%;
  white-space:normal;text-align:center}
.addon-panel .btn:hover{background:rgba(26,115,232,.06)}
.addon-panel .btn-filled{background:#1a73e8;color:#fff;padding:0 24px;margin-left:8px}
.addon-panel .btn-filled:hover{background:#1765cc;box-shadow:0 1px 2px rgba(60,64,67,.3)}
.addon-panel .btn-filled_tonal{background:#e8f0fe;color:#185abc;padding:0 16px;margin-left:8px}
.addon-panel .btn:disabled{color:rgba(60,64,67,.38);background:transparent;cursor:default}
.addon-panel .decorated .btn{margin:0;flex:none;align-self:center}
.addon-panel hr{border:0;border-top:1px solid #e0e0e0;margin:8px 0}
.addon-panel label.input{display:block;margin:0 0 8px;font:400 12px/16px ${FONT_TEXT};color:#5f6368}
.addon-panel label.input input{display:block;width:100%;margin-top:4px;padding:8px 12px;border:1px solid #dadce0;
  border-radius:4px;font:400 14px/20px ${FONT_TEXT};color:#202124}
.addon-panel footer{display:flex;justify-content:flex-end;gap:8px;padding:8px 16px;border-top:1px solid #e0e0e0;flex:none}
.addon-panel .notification{position:absolute;left:8px;right:8px;bottom:8px;padding:14px 16px;border-radius:4px;
  background:#323232;color:#fff;font:400 14px/20px ${FONT_TEXT};box-shadow:0 3px 5px rgba(0,0,0,.2);overflow-wrap:anywhere}
`;

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Card text may carry simple formatting: keep b/i/u/s/br, escape everything else. */
function formattedHtml(s: string): string {
  return escapeHtml(s).replace(
    /&lt;(\/?)(b|i|u|s|br|strong|em)\s*\/?&gt;/gi,
    (_m, slash: string, tag: string) =>
      tag.toLowerCase() === 'br' ? '<br>' : `<${slash}${tag.toLowerCase()}>`,
  );
}

/** The data attributes that let a host page run what a click does. */
function clickAttributes(onClick: unknown): string[] {
  const click = asObj(onClick);
  const action = asObj(click?.action);
  const link = asObj(click?.openLink);
  const auth = asObj(click?.authorizationAction);
  const attrs: string[] = [];
  if (action) {
    const params: Record<string, string> = {};
    for (const p of asArr(action.parameters).map(asObj)) if (p) params[String(p.key)] = String(p.value);
    attrs.push(`data-function="${escapeHtml(String(action.function))}"`);
    attrs.push(`data-params="${escapeHtml(JSON.stringify(params))}"`);
  }
  if (link) attrs.push(`data-href="${escapeHtml(String(link.url))}"`);
  if (auth) attrs.push(`data-auth="${escapeHtml(String(auth.authorizationUrl))}"`);
  return attrs;
}

function buttonHtml(b: Json): string {
  const attrs = clickAttributes(b.onClick);
  if (b.disabled === true) attrs.push('disabled');
  // OUTLINED is the documented default ("normal text button with clear background"); TEXT is its
  // deprecated alias and BORDERLESS draws the same in the side panel: all three are blue text.
  const style = (str(b.textButtonStyle) ?? 'OUTLINED').toLowerCase();
  const text = escapeHtml(plain(str(b.text) ?? ''));
  return `<button class="btn btn-${escapeHtml(style)}" ${attrs.join(' ')}>${text}</button>`;
}

function decoratedHtml(dt: Json): string {
  const attrs = dt.onClick ? clickAttributes(dt.onClick) : [];
  const parts = [`<div class="decorated${dt.onClick ? ' clickable' : ''}" ${attrs.join(' ')}>`];
  const icon = asObj(dt.startIcon);
  if (icon) parts.push(`<span class="icon" title="${escapeHtml(str(icon.knownIcon) ?? 'icon')}"></span>`);
  parts.push('<div class="body">');
  if (str(dt.topLabel)) parts.push(`<div class="top">${formattedHtml(String(dt.topLabel))}</div>`);
  parts.push(`<div class="text">${formattedHtml(str(dt.text) ?? '')}</div>`);
  if (str(dt.bottomLabel)) parts.push(`<div class="bottom">${formattedHtml(String(dt.bottomLabel))}</div>`);
  parts.push('</div>');
  const b = asObj(dt.button);
  if (b) parts.push(buttonHtml(b));
  parts.push('</div>');
  return parts.join('');
}

function widgetHtml(w: Json): string {
  const p = asObj(w.textParagraph);
  if (p) return `<p>${formattedHtml(str(p.text) ?? '')}</p>`;
  const dt = asObj(w.decoratedText);
  if (dt) return decoratedHtml(dt);
  const list = asObj(w.buttonList);
  if (list) {
    const buttons = asArr(list.buttons).map((b) => buttonHtml(asObj(b) ?? {}));
    return `<div class="buttons">${buttons.join('')}</div>`;
  }
  if (w.divider) return '<hr>';
  const input = asObj(w.textInput);
  if (input) {
    const name = escapeHtml(str(input.name) ?? '');
    const value = escapeHtml(str(input.value) ?? '');
    return `<label class="input">${escapeHtml(str(input.label) ?? '')}<input name="${name}" value="${value}"></label>`;
  }
  return '';
}

function headerHtml(header: Json): string {
  const image = str(header.imageUrl) ? `<img src="${escapeHtml(String(header.imageUrl))}" alt="">` : '';
  const subtitle = str(header.subtitle)
    ? `<div class="subtitle">${escapeHtml(String(header.subtitle))}</div>`
    : '';
  const title = `<div class="title">${escapeHtml(str(header.title) ?? '')}</div>`;
  return `<div class="card-header">${image}<div>${title}${subtitle}</div></div>`;
}

/** One card's content: header, sections (scrolling), fixed footer. */
export function cardBodyHtml(c: Json): string {
  const parts: string[] = ['<div class="scroll">'];
  const header = asObj(c.header);
  if (header) parts.push(headerHtml(header));
  for (const s of asArr(c.sections).map(asObj)) {
    parts.push('<section>');
    if (str(s?.header)) parts.push(`<h3>${formattedHtml(String(s?.header))}</h3>`);
    for (const w of asArr(s?.widgets).map(asObj)) if (w) parts.push(widgetHtml(w));
    parts.push('</section>');
  }
  parts.push('</div>');
  const footer = asObj(c.fixedFooter);
  if (footer) {
    const buttons = [asObj(footer.primaryButton), asObj(footer.secondaryButton)].filter(
      (b): b is Json => !!b,
    );
    parts.push(`<footer>${buttons.map(buttonHtml).join('')}</footer>`);
  }
  return parts.join('\n');
}

/** The notification of an action response (a snack bar at the bottom of the panel). */
export function notificationHtml(text: string): string {
  return `<div class="notification" role="status">${escapeHtml(text)}</div>`;
}

/**
 * The side panel showing `card` (the top card of a response's navigation), with its top bar. `canGoBack`
 * draws Calendar's back arrow (the host pops the card stack).
 */
export function panelHtml(
  card: Json,
  chrome: PanelChrome,
  options: { canGoBack?: boolean; notification?: string; height?: string } = {},
): string {
  const back = options.canGoBack ? '<button class="back" data-back aria-label="Back">&#8592;</button>' : '';
  const topbar = `<div class="topbar">${back}${LOGO_SVG}<span class="name">${escapeHtml(chrome.name)}</span></div>`;
  const note = options.notification ? notificationHtml(options.notification) : '';
  const style = options.height ? ` style="height:${escapeHtml(options.height)}"` : '';
  return `<div class="addon-panel"${style}>${topbar}${cardBodyHtml(card)}${note}</div>`;
}

/** A static HTML page previewing the card(s) of a card or response, each in its own side panel. */
export function cardToHtml(card: CardLike, chrome: PanelChrome = { name: 'Add-on' }): string {
  const json = cardToJson(card);
  const note = str(asObj(asObj(asObj(json.renderActions)?.action)?.notification)?.text);
  const panels = cardsIn(json).map((c) => panelHtml(c, chrome, { notification: note }));
  if (panels.length === 0 && note) panels.push(`<div class="addon-panel">${notificationHtml(note)}</div>`);
  const page =
    'body{margin:0;padding:16px;background:#f1f3f4;display:flex;gap:16px;align-items:flex-start}.addon-panel{min-height:560px;border:1px solid #dadce0}';
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Card preview</title><style>${inlineFontFaceCss(chrome.name + panels.join(''))}
${page}${CARD_CSS}</style></head><body>\n${panels.join('\n')}\n</body></html>\n`;
}
