import { createApp } from '@backstage/frontend-defaults';
import { specmeshApiDocsModule } from '@meshport/plugin-specmesh/alpha';
import { demoSignInModule } from './modules/demoSignIn';
import { navModule } from './modules/nav';

// Plugins (catalog, API docs, scaffolder, org, SpecMesh, ...) are not listed here:
// `app.packages: all` in app-config.yaml installs every frontend plugin this
// package depends on. Only modules are added by hand: the app's own, and the
// SpecMesh module that lets the API docs render specs whose schemas live in files.
export default createApp({
  features: [navModule, demoSignInModule, specmeshApiDocsModule],
});
