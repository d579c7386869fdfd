import type { BrandConfig } from '../config/brand';
import { createTranslator } from '../i18n/translate';

/**
 * The conference notes Calendar shows with the meeting (ConferenceDataBuilder.setNotes: "additional
 * notes ... such as instructions from the administrator or legal notices", at most 2048 characters),
 * in the organizer's language. Calendar hands an onCreateFunction no locale, so `locale` is the
 * session's (Session.getActiveUserLocale); English when unknown.
 *
 * A ConferenceError carries no text of ours at all (ConferenceError has only setConferenceErrorType
 * and setAuthenticationUrl): Calendar words a failed create itself, in the user's language.
 */
export function conferenceNotes(brand: Pick<BrandConfig, 'vendorName'>, locale: string | undefined): string {
  return createTranslator({ ...(locale ? { locale } : {}) }, brand.vendorName).t('conference.notes');
}
