import type { EN } from './messages/en';

/**
 * The shape of the message catalogue. English (messages/en.ts) defines the keys; every other
 * language is a `Catalogue`, so a missing or extra key is a compile error, and a message that is a
 * plural in English must be a plural there too. Placeholders are `{name}`; `{vendor}` is always
 * filled in (the brand's name), a plural's count is `{n}`. test/unit/i18n checks that each
 * language uses exactly English's placeholders.
 */

/** Variants by Intl.PluralRules category; `other` is required, a missing category falls back to it. */
export type Plural = { readonly other: string } & {
  readonly [C in 'zero' | 'one' | 'two' | 'few' | 'many']?: string;
};
export type Message = string | Plural;

export type MessageKey = keyof typeof EN;

export type Catalogue = {
  readonly [K in MessageKey]: (typeof EN)[K] extends string ? string : Plural;
};

type Names<S> = S extends `${string}{${infer P}}${infer R}` ? P | Names<R> : never;
type NamesOf<M> = M extends string ? Names<M> : M extends Plural ? Names<M[keyof M]> | 'n' : never;

/** The placeholders a message takes (`vendor` is filled in by the translator). */
export type Params<K extends MessageKey> = {
  [P in Exclude<NamesOf<(typeof EN)[K]>, 'vendor'>]: P extends 'n' ? number : string | number;
};

/** No argument for a message without placeholders, else its placeholders. */
export type ParamArgs<K extends MessageKey> = keyof Params<K> extends never ? [] : [Params<K>];
