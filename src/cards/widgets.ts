/** Small CardService helpers shared by the cards. CardService is the Apps Script global. */

export type Card = GoogleAppsScript.Card_Service.Card;

export function action(name: string, parameters: Record<string, string> = {}) {
  return CardService.newAction().setFunctionName(name).setParameters(parameters);
}

export function button(text: string, name: string, parameters: Record<string, string> = {}) {
  return CardService.newTextButton().setText(text).setOnClickAction(action(name, parameters));
}

export function linkButton(text: string, url: string) {
  return CardService.newTextButton().setText(text).setOpenLink(CardService.newOpenLink().setUrl(url));
}

/** A button that opens the vendor's sign-in page and reloads the add-on afterwards. */
export function signInButton(text: string, url: string) {
  return CardService.newTextButton()
    .setText(text)
    .setAuthorizationAction(CardService.newAuthorizationAction().setAuthorizationUrl(url));
}

export function paragraph(text: string) {
  return CardService.newTextParagraph().setText(text);
}

export function labelled(label: string, text: string) {
  return CardService.newDecoratedText().setTopLabel(label).setText(text).setWrapText(true);
}

export function buttons(...list: GoogleAppsScript.Card_Service.TextButton[]) {
  const set = CardService.newButtonSet();
  for (const b of list) set.addButton(b);
  return set;
}

/** Escapes text placed in a TextParagraph / DecoratedText (they accept a little HTML). */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
