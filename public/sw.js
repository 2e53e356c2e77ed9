/* Fourflow's service worker: the storefront keeps working with the network off.
 *
 * Hand-written, with one generated part: Trunk copies this file to dist/sw.js, then `cargo xtask`
 * writes the list of apps into it (below). The server sends it with `Cache-Control: no-cache`,
 * so the browser picks up a new version on the next visit.
 *
 *   navigations            network first (5 s), offline → the cached shell of the app that
 *                          serves the URL (the storefront's `/`, the cart's `/cart`), so every
 *                          shopper URL (/products/…, /cart, /search?q=…) opens offline
 *   hashed build assets    cache first: `name-<hash>[_bg].ext` never changes
 *   /demo/**, /icons/**    stale-while-revalidate
 *   catalog API GETs       network first (3 s), then the last good answer, marked with
 *                          `x-fourflow-offline: 1`; the newest 300 answers are kept
 *   everything else        not touched: non-GET requests, cart quotes, orders, sign-in, the
 *                          shopper's account, the back office, payments and analytics events
 *                          always go to the network and are never stored
 *
 * A release of the app changes index.html and the hashed names, not this file: the shell is
 * re-read on every online navigation, and when it names other assets than the cached one, the
 * new shell and its assets are cached and the old ones dropped. Change SCHEME only when this
 * file's caching scheme changes; a change in the list of apps changes VERSION by itself. Caches
 * of other versions are deleted on activation.
 */
'use strict';

/* The apps besides the storefront, each with its shell under one URL of its own and the URL
 * prefixes it serves; the storefront's shell serves every other URL. The list is not written
 * here but by `cargo xtask` as it builds, into dist/sw.js, from fourflow_core::apps::APPS (the
 * shopper's apps; the back office is online only): see xtask/src/service_worker.rs. With it
 * comes APPS_VERSION, a digest of the list, so that a new app or path renames every cache. */
// @generated-apps-begin: replaced by `cargo xtask` at build time
const APPS = [];
const APPS_VERSION = 'unbuilt';
// @generated-apps-end

const SCHEME = 'v7'; // v2: two shells; v3: checkout serves orders and account; v4: three apps; v5: cart, checkout and orders apart; v6: the cart app serves wishlist and compare; v7: the list of apps written at build time
const VERSION = `${SCHEME}-${APPS_VERSION}`;
const PREFIX = 'fourflow-';
/** The apps' shells and the hashed assets they name. */
const APP_CACHE = `${PREFIX}app-${VERSION}`;
/** Demo images, icons, the favicon: small, rarely changing, not hashed. */
const IMAGE_CACHE = `${PREFIX}images-${VERSION}`;
/** Catalog API answers already seen. */
const API_CACHE = `${PREFIX}api-${VERSION}`;
const CACHES = [APP_CACHE, IMAGE_CACHE, API_CACHE];

/** The storefront's shell, for every URL the apps above do not serve. */
const STOREFRONT = '/';
const SHELLS = [STOREFRONT, ...APPS.map((app) => app.shell)];

function shellFor(path) {
  const app = APPS.find((a) => a.paths.some((p) => path === p || path.startsWith(`${p}/`)));
  return app ? app.shell : STOREFRONT;
}
const API_TIMEOUT_MS = 3000;
const NAVIGATION_TIMEOUT_MS = 5000;
const API_MAX_ENTRIES = 300;
const IMAGE_MAX_ENTRIES = 200;
const OFFLINE_HEADER = 'x-fourflow-offline';

/** Catalog reads worth keeping for offline browsing (and offline cart pricing: promotions). */
const API_CACHEABLE = [
  /^\/api\/v1\/categories\/?$/,
  /^\/api\/v1\/products(\/|$)/, // lists, details, /products/{slug}/recommendations
  /^\/api\/v1\/search\/suggestions\/?$/,
  /^\/api\/v1\/variants(\/|$)/,
  /^\/api\/v1\/promotions(\/|$)/,
  /^\/api\/v1\/recommendations(\/|$)/,
];
/** Never answered from or stored in a cache, even if a pattern above should ever match. */
const API_NEVER = /^\/api\/v1\/(cart\/quote|orders|auth|me|admin|payments|events)(\/|$)/;

/** Trunk's file names: `name-<12–16 hex digits>[_bg].ext`, like the server's `is_hashed`; a
 *  wasm-bindgen snippet lives under such a directory (`/snippets/crate-<hash>/inline0.js`). */
const HASHED_FILE = /-[0-9a-f]{12,16}(?:_bg)?\.[a-z0-9.]+$/i;
const HASHED_DIR = /^\/snippets\/[^/]+-[0-9a-f]{12,16}\//i;

function isHashed(pathname) {
  const name = pathname.slice(pathname.lastIndexOf('/') + 1);
  return HASHED_FILE.test(name) || HASHED_DIR.test(pathname);
}

/** The hashed assets a shell names: `<script src>`, `<link href>` (stylesheets, modulepreload,
 *  preload), `import … from '/…js'` and `module_or_path: '/…_bg.wasm'` in Trunk's inline
 *  loader. Any quoted same-origin path with a hashed name where Trunk writes its output (the
 *  site's root, or snippets) counts; a product page's `og:image`/`og:url` do not. */
function assetsIn(html, base) {
  const found = new Set();
  const quoted = /["'`]([^"'`\s<>]+)["'`]/g;
  for (const [, value] of html.matchAll(quoted)) {
    let url;
    try {
      url = new URL(value, base);
    } catch {
      continue;
    }
    const built = /^\/[^/]+$/.test(url.pathname) || HASHED_DIR.test(url.pathname);
    if (url.origin === self.location.origin && built && isHashed(url.pathname)) {
      found.add(url.pathname);
    }
  }
  return [...found].sort();
}

// ---------------------------------------------------------------------------------------------
// Install: cache the shell and everything it needs, so that the second visit works offline even
// though the first page load happened before this worker controlled the page.

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      await cacheShells();
      // Best effort: the favicon and the icons the manifest names.
      const images = await caches.open(IMAGE_CACHE);
      await Promise.all(
        ['/favicon.svg', '/icons/icon.svg', '/icons/icon-192.png'].map((path) =>
          images.add(path).catch(() => {}),
        ),
      );
      await self.skipWaiting();
    })(),
  );
});

/** Fetches every shell and the assets they name and stores them; fails (so the install fails
 *  and is retried on the next visit) if any of them cannot be fetched. Drops hashed assets of
 *  earlier releases that the new shells no longer name. */
async function cacheShells() {
  const cache = await caches.open(APP_CACHE);
  const keep = new Set();
  for (const shell of SHELLS) {
    const response = await fetch(new Request(shell, { cache: 'no-cache' }));
    if (!response.ok) throw new Error(`shell ${shell}: HTTP ${response.status}`);
    const html = await response.clone().text();
    const assets = assetsIn(html, response.url || self.location.origin);
    // Immutable files: the HTTP cache may answer, any copy is the right one.
    const missing = [];
    for (const path of assets) {
      keep.add(path);
      if (!(await cache.match(path))) missing.push(path);
    }
    await cache.addAll(missing);
    await cache.put(shell, response);
  }
  for (const request of await cache.keys()) {
    const { pathname } = new URL(request.url);
    if (!SHELLS.includes(pathname) && !keep.has(pathname)) await cache.delete(request);
  }
}

// ---------------------------------------------------------------------------------------------
// Activate: take over open pages at once and delete caches this version does not use.

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(PREFIX) && !CACHES.includes(name))
          .map((name) => caches.delete(name)),
      );
      // Start the navigation request while the worker boots, instead of after.
      if (self.registration.navigationPreload) {
        await self.registration.navigationPreload.enable().catch(() => {});
      }
      await self.clients.claim();
    })(),
  );
});

/** A page may ask a waiting worker to take over now (this one already does so by itself). */
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
});

// ---------------------------------------------------------------------------------------------
// Fetch: route by kind. A request not answered here goes to the network as if there were no
// worker at all.

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return; // never cached: quotes, orders, sign-in, events…
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;

  if (request.mode === 'navigate') {
    if (isShopperPage(path)) event.respondWith(navigation(event));
    return;
  }
  if (path.startsWith('/api/')) {
    if (!API_NEVER.test(path) && API_CACHEABLE.some((re) => re.test(path))) {
      event.respondWith(apiNetworkFirst(event));
    }
    return;
  }
  if (isHashed(path)) {
    event.respondWith(cacheFirst(event));
    return;
  }
  if (
    path.startsWith('/demo/') ||
    path.startsWith('/media/') ||
    path.startsWith('/icons/') ||
    path === '/favicon.svg'
  ) {
    event.respondWith(staleWhileRevalidate(event));
  }
});

/** Pages the app renders (it routes in the browser); not the API, probes or plain files,
 *  which the server answers by themselves and the shell cannot stand in for; nor the back
 *  office (`/admin`: its own app, online only, never a shopper's shell). */
function isShopperPage(path) {
  if (path.startsWith('/api/') || path === '/metrics' || path === '/healthz' || path === '/readyz') {
    return false;
  }
  if (path === '/admin' || path.startsWith('/admin/')) return false;
  const name = path.slice(path.lastIndexOf('/') + 1);
  return !name.includes('.');
}

/** Navigations: the network's page (a product URL's carries its title and preview tags),
 *  else — offline, or no answer within a few seconds — the cached shell, which routes to the
 *  same page in the browser. */
async function navigation(event) {
  let copy; // for noteShell, taken before the page reads the body
  const network = (async () => {
    const response = (await event.preloadResponse) || (await fetch(event.request));
    copy = response.clone();
    return response;
  })();
  event.waitUntil(network.then(() => noteShell(event.request, copy)).catch(() => {}));
  try {
    const response = await withTimeout(network, NAVIGATION_TIMEOUT_MS);
    if (response.status < 500) return response;
    const shell = await cachedShell(event.request);
    return shell || response;
  } catch (err) {
    const shell = await cachedShell(event.request);
    if (shell) return shell;
    return network; // nothing cached yet: wait for the network, or fail as the browser would
  }
}

async function cachedShell(request) {
  const cache = await caches.open(APP_CACHE);
  return cache.match(shellFor(new URL(request.url).pathname));
}

/** After an online navigation: keep the cached shells current. A shell's own URL is stored as
 *  is; any other page is the same shell (perhaps with a product's head), so it is only read,
 *  and if it names other assets than the cached shell — a new release — every shell and their
 *  assets are fetched again. */
async function noteShell(request, response) {
  if (!response.ok || response.redirected) return;
  if (!(response.headers.get('content-type') || '').includes('text/html')) return;
  const html = await response.clone().text();
  const assets = assetsIn(html, response.url || request.url);
  if (assets.length === 0) return; // not the app's shell (the storefront is not built?)
  const path = new URL(request.url).pathname;
  const shell = shellFor(path);
  const cache = await caches.open(APP_CACHE);
  const cached = await cache.match(shell);
  const cachedAssets = cached ? assetsIn(await cached.text(), cached.url || request.url) : [];
  const sameRelease = assets.join('\n') === cachedAssets.join('\n');
  if (path === shell && sameRelease) {
    await cache.put(shell, response); // fresher copy of the same release
  } else if (!sameRelease) {
    await cacheShells();
  }
}

/** Hashed assets: the cache, else the network (and keep the answer). */
async function cacheFirst(event) {
  const { request } = event;
  const cache = await caches.open(APP_CACHE);
  const cached = await cache.match(request, { ignoreSearch: true, ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.status === 200 && response.type === 'basic') {
    const key = new URL(request.url).pathname;
    event.waitUntil(cache.put(key, response.clone()).catch(() => {}));
  }
  return response;
}

/** Images: the cached copy at once, refreshed in the background for next time. */
async function staleWhileRevalidate(event) {
  const { request } = event;
  let stored;
  const refresh = fetch(request).then((response) => {
    stored = store(IMAGE_CACHE, IMAGE_MAX_ENTRIES, request, response);
    return response;
  });
  event.waitUntil(refresh.then(() => stored).catch(() => {}));
  const cached = await caches.match(request, { cacheName: IMAGE_CACHE, ignoreVary: true });
  return cached || refresh;
}

/** Catalog API: the network's answer if it comes within a few seconds; else the last stored
 *  answer, marked stale. Only 200s are stored. With nothing stored, the network's answer or
 *  failure is passed on unchanged, so the app tells "offline" from "not found" as usual. */
async function apiNetworkFirst(event) {
  const { request } = event;
  let stored;
  const network = fetch(request).then((response) => {
    stored = store(API_CACHE, API_MAX_ENTRIES, request, response);
    return response;
  });
  // Keep the worker alive until the answer is stored, even when the cached copy was served.
  event.waitUntil(network.then(() => stored).catch(() => {}));
  const cache = await caches.open(API_CACHE);
  try {
    const response = await withTimeout(network, API_TIMEOUT_MS);
    if (response.status < 500) return response;
    const cached = await cache.match(request);
    return cached ? markOffline(cached) : response; // server down: the last good answer
  } catch (err) {
    const cached = await cache.match(request);
    if (cached) return markOffline(cached);
    return network; // timed out with nothing stored: keep waiting; offline: fail
  }
}

/** Stores a copy of a successful same-origin answer (cloned at once, before anyone reads the
 *  body) and trims the cache to its newest `max` entries. Errors, 304s, partial content and
 *  redirects are never stored. */
function store(cacheName, max, request, response) {
  if (response.status !== 200 || response.type !== 'basic') return Promise.resolve();
  const copy = response.clone();
  return (async () => {
    const cache = await caches.open(cacheName);
    await cache.put(request, copy);
    await trim(cache, max);
  })();
}

/** A copy of a cached response that says it came from the cache because the network failed. */
function markOffline(cached) {
  const headers = new Headers(cached.headers);
  headers.set(OFFLINE_HEADER, '1');
  return new Response(cached.body, {
    status: cached.status,
    statusText: cached.statusText,
    headers,
  });
}

/** Keeps the newest `max` entries: the Cache API lists keys in insertion order, and `put`
 *  of an existing key moves it to the end. */
async function trim(cache, max) {
  const keys = await cache.keys();
  for (let i = 0; i < keys.length - max; i++) await cache.delete(keys[i]);
}

/** The promise's outcome, or a rejection after `ms` milliseconds (the promise keeps running). */
function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
