import { createHash } from 'node:crypto';
import type { ServiceContext } from '../context';

/**
 * Session: the emulator has one user, who is both the active and the effective user (triggers run
 * as the user who created them). The temporary active-user key is stable for (user, script).
 */
export function createSession(options: {
  ctx: ServiceContext;
  userEmail: string;
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
    getActiveUserLocale() {
      ctx.call('session.read');
      return 'en';
    },
    getTemporaryActiveUserKey() {
      ctx.call('session.read');
      return key;
    },
  };
}
