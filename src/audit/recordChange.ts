/**
 * The one place the audit changes a conference record. Kept apart and small so the owner of the
 * record lifecycle can take it over as it is.
 */
import type { ConferenceBook } from '../state/conferenceBook';
import { newRecord } from '../state/record';

/**
 * lifecycle: the vendor lost `formerId` and the audit put `newId` on the record's one event (written
 * back with If-Match). The record now stands for the new conference, settled with what was sent at
 * its create (`sentHash`); the former one is forgotten without a tombstone: it no longer exists at
 * the vendor, and no event carries it any more.
 */
export function adoptRecreatedConference(
  book: ConferenceBook,
  formerId: string,
  newId: string,
  sentHash: string,
): void {
  const former = book.get(formerId);
  if (!former) return;
  book.remove(formerId);
  book.put(
    newRecord({
      ...former,
      conferenceId: newId,
      state: 'synced',
      sentHash,
      unconfirmed: false,
      attempts: 0,
      retryAt: 0,
      carriers: former.carriers.map((c) => ({ ...c })),
    }),
  );
}
