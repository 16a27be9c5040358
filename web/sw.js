// The service worker: keeps one complete copy of the app per build, so the app opens without a
// network and never mixes files of two builds. It only ever stores the app's own files; statements
// are read from the device and never pass through here.

// tools/precache.mjs replaces this line at build time with { version, files: [{ path, sha256 }] }:
// every file of the bundle and a hash of all of them. A new build therefore changes this file, which
// is how the browser notices the update.
const PRECACHE = null;

const SCOPE = new URL(self.registration.scope);
// Caches belong to this app at this scope; the version makes each build's cache distinct.
const CACHE_PREFIX = `statement-checker ${SCOPE.pathname} `;
const CACHE = PRECACHE ? CACHE_PREFIX + PRECACHE.version : null;
const PAGE = new URL('index.html', SCOPE);
const PRECACHED = new Set((PRECACHE?.files ?? []).map((file) => new URL(file.path, SCOPE).href));

/** Hex sha256 of `bytes`, the form tools/precache.mjs writes. */
async function sha256(bytes) {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Fetches one file of the bundle and checks it is the file this build lists: a server that already
 * serves a newer (or older) build makes the install fail instead of filling the cache with a mix.
 */
async function fetchExact({ path, sha256: expected }) {
  const url = new URL(path, SCOPE).href;
  const response = await fetch(url, { cache: 'reload' });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const body = await response.arrayBuffer();
  const actual = await sha256(body);
  if (actual !== expected) throw new Error(`${path}: the server has another build (sha256 ${actual})`);
  // A fresh response, so a server that redirected (say /index.html to /) still gives a page that
  // can answer a navigation.
  const copy = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  return [url, copy];
}

/** Stores every file of this build, or nothing: a half-filled cache is removed. */
async function precache() {
  if (!PRECACHE) throw new Error('sw.js has no file list: the bundle was not finished by tools/precache.mjs');
  try {
    const entries = await Promise.all(PRECACHE.files.map(fetchExact));
    const cache = await caches.open(CACHE);
    await Promise.all(entries.map(([url, response]) => cache.put(url, response)));
  } catch (error) {
    await caches.delete(CACHE);
    throw error;
  }
}

/** Removes the caches of this app's earlier builds; those of other apps on the origin are left. */
async function dropOtherBuilds() {
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
}

/** The page itself, for the app's start URL with any query (e.g. a launch from the home screen). */
function isAppPage(request, url) {
  return request.mode === 'navigate' && (url.pathname === SCOPE.pathname || url.pathname === PAGE.pathname);
}

/** The build's copy of a file; the network only if the cache is somehow missing it. */
async function fromCache(request, key) {
  const hit = await caches.match(key, { cacheName: CACHE });
  return hit ?? fetch(request);
}

// The new version waits until the page asks for it, so a page never runs on two builds at once.
self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(dropOtherBuilds().then(() => self.clients.claim()));
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin) return;
  // The bundle's files are requested without a query; one added to a file is ignored.
  const file = url.origin + url.pathname;
  if (isAppPage(request, url)) {
    event.respondWith(fromCache(request, PAGE.href));
  } else if (PRECACHED.has(file)) {
    event.respondWith(fromCache(request, file));
  }
  // Anything else goes to the network as if there were no service worker, and is not stored.
});
