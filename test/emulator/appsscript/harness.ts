import { type AppsScriptServicesOptions, createAppsScriptServices } from '../../../emulator/appsscript';
import { SimClock } from '../../../emulator/clock';
import { ExecutionManager } from '../../../emulator/execution';
import { loadScript } from '../../../emulator/loader';

export const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);

/** Apps Script services + execution manager + a script loaded from inline code. */
export function harness(
  code = '',
  options: Omit<AppsScriptServicesOptions, 'exec'> & { exec?: ExecutionManager } = {},
) {
  const exec = options.exec ?? new ExecutionManager({ clock: new SimClock(T0) });
  const services = createAppsScriptServices({ exec, userEmail: 'ada@example.com', seed: 7, ...options });
  const script = loadScript(code, services.globals, exec);
  return { exec, clock: exec.clock, meter: exec.meter, ...services, script };
}
