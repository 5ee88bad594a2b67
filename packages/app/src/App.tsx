import { createApp } from '@backstage/frontend-defaults';
import { navModule } from './modules/nav';

// Plugins (catalog, API docs, scaffolder, org, SpecMesh, ...) are not listed here:
// `app.packages: all` in app-config.yaml installs every frontend plugin this
// package depends on. Only the app's own modules are added by hand.
export default createApp({
  features: [navModule],
});
