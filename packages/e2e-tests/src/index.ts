/*
 * The e2e tests run only through `./scripts/test` (package script `test:e2e`), which builds the app,
 * starts the demo backend against the local Kafka and registry and sets MESHPORT_E2E_URL. The
 * package has no `test` script on purpose: `yarn test` stays fast and needs no browser.
 */
// The adopter test drives its fresh app with the same helpers.
export {
  guestPortal,
  openPortal,
  portalUrl,
  signInAsGuest,
  visible,
} from './portal';
export type { Portal } from './portal';
