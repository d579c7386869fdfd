/**
 * Changing the user's defaults for new meetings from the settings card (issue 23). They are the
 * user's own (user properties, `o:defaults`), read by onCreate for every new meeting; nothing is
 * sent to the vendor until a meeting is made.
 */
import { USER_DEFAULTS_KEY, writeUserDefault } from '../meeting/meetingDefaults';
import { SWITCH_OPTIONS, type SwitchOption } from '../vendor/options';
import { type AddonContext, type Params, reply, settingsCard } from './controller';

export function setDefaultOptionAction(ctx: AddonContext, params: Params) {
  const { option, value } = params;
  const store = ctx.services.userStore;
  const name = SWITCH_OPTIONS.find((o): o is SwitchOption => o === option);
  if (option === 'all' && value === 'default') store.remove(USER_DEFAULTS_KEY);
  else if (name && (value === 'on' || value === 'off')) writeUserDefault(store, name, value === 'on');
  else return reply({ update: settingsCard(ctx), note: ctx.tr.t('options.note.notAvailable') });
  ctx.services.log.info({ msg: 'default for new meetings changed', option, value });
  return reply({ update: settingsCard(ctx), note: ctx.tr.t('defaults.note.saved') });
}
