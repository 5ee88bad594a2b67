export const pluginId = 'specmesh';
