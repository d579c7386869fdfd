import { createHash } from 'node:crypto';
import type { UserSettings } from '../cards/eventObject';
import type { ServiceContext } from '../context';

/**
 * Session: the emulator has one user, who is both the active and the effective user (triggers run
 * as the user who created them). The temporary active-user key is stable for (user, script).
 */
export function createSession(options: {
  ctx: ServiceContext;
  userEmail: string;
  /** Read at each call: the playground may change the user's language between executions. */
  user: UserSettings;
  timeZone: string;
  scriptId?: string;
}) {
  const { ctx, userEmail, timeZone } = options;
  const user = { getEmail: () => userEmail, toString: () => userEmail };
  const key = createHash('sha256')
    .update(`${options.scriptId ?? 'script'}:${userEmail}`)
    .digest('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 43);
  return {
    getActiveUser() {
      ctx.call('session.read');
      return user;
    },
    getEffectiveUser() {
      ctx.call('session.read');
      return user;
    },
    getScriptTimeZone() {
      ctx.call('session.read');
      return timeZone;
    },
    /**
     * "Gets the language setting of the current user as a string—for example, en for English."
     * ASSUMPTION: the account's setting as configured (`de`, `pt-BR`); Google gives only `en`.
     */
    getActiveUserLocale() {
      ctx.call('session.read');
      return options.user.locale;
    },
    getTemporaryActiveUserKey() {
      ctx.call('session.read');
      return key;
    },
  };
}
