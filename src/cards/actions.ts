/**
 * Names of the card action handlers. Each is an exported function of src/main.ts and is listed in
 * its CARD_ACTIONS, which the build checks (a button whose function is missing fails the build).
 */
export const ACTIONS = {
  refresh: 'onRefreshStatus',
  syncNow: 'onSyncNow',
  fullResync: 'onFullResync',
  askStopSyncing: 'onAskStopSyncing',
  stopSyncing: 'onStopSyncing',
  back: 'onBack',
  clearProblems: 'onClearProblems',
  retryFailed: 'onRetryFailed',
  resend: 'onResendToVendor',
  showSettings: 'onShowSettings',
  testConnection: 'onTestConnection',
  signOut: 'onSignOut',
  repairConference: 'onRepairConference',
  showSyncDetails: 'onShowSyncDetails',
  openMeeting: 'onOpenMeeting',
  setMeetingOption: 'onSetMeetingOption',
  setDefaultOption: 'onSetDefaultOption',
} as const;

export const ACTION_NAMES: readonly string[] = Object.values(ACTIONS);

/** Card names, for navigation (popToNamedCard). */
export const CARD_NAMES = {
  home: 'home',
  syncDetails: 'syncDetails',
  event: 'event',
  settings: 'settings',
  confirm: 'confirm',
} as const;
