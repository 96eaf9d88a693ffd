// The selection lives in the URL hash, so a view can be bookmarked, shared and reloaded:
//   #/force/cambridgeshire   #/organisation/ersou   #/scheme/iom
//   #/force/cambridgeshire?node=<id>&passage=<id>   (a node chosen, and a passage found in the text)
//   #/compare/ersou?pillar=effectiveness&year=2015   #/compare?forces=cambridgeshire,durham

export const DEFAULT_ROUTE = { view: 'force', id: 'cambridgeshire' };
export const DEFAULT_PILLAR = 'effectiveness';
const ENTITY_VIEWS = new Set(['force', 'organisation', 'scheme']);

export function parse(hash) {
  const [path, search = ''] = hash.replace(/^#\/?/, '').split('?');
  const [view, id] = path.split('/').map(decodeURIComponent);
  const params = new URLSearchParams(search);
  if (ENTITY_VIEWS.has(view) && id) return { view, id, node: params.get('node'), passage: params.get('passage') };
  if (view === 'compare') {
    const year = Number.parseInt(params.get('year') ?? '', 10);
    const forces = (params.get('forces') ?? '').split(',').filter(Boolean);
    return {
      view,
      rocu: id || (params.has('forces') ? null : 'ersou'),
      forces,
      pillar: (params.get('pillar') || DEFAULT_PILLAR).toLowerCase(),
      year: Number.isNaN(year) ? null : year,
    };
  }
  return null;
}

export function format(route) {
  if (route.view !== 'compare') {
    const params = new URLSearchParams();
    if (route.node) params.set('node', route.node);
    if (route.passage) params.set('passage', route.passage);
    const query = params.toString();
    return `#/${route.view}/${encodeURIComponent(route.id)}${query ? `?${query}` : ''}`;
  }
  const params = new URLSearchParams();
  if (!route.rocu) params.set('forces', route.forces.join(','));
  if (route.pillar && route.pillar !== DEFAULT_PILLAR) params.set('pillar', route.pillar);
  if (route.year) params.set('year', String(route.year));
  const query = params.toString().replaceAll('%2C', ',');
  const path = route.rocu ? `#/compare/${encodeURIComponent(route.rocu)}` : '#/compare';
  return query ? `${path}?${query}` : path;
}

export function current() {
  return parse(window.location.hash);
}

/** Go to `route`; returns false when it is already the current one (no hashchange will follow). */
export function go(route) {
  const hash = format(route);
  if (hash === window.location.hash) return false;
  window.location.hash = hash;
  return true;
}
