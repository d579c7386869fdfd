/** Kept for the import in src/conference/createConference.ts (owned by another helper); import from ./decide. */
export { eventEndMinutes } from './decide';
