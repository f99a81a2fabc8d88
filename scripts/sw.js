// Offline after the first visit. scripts/dist.py fills in this build's files and its hash: the
// cache is named by the build, so a new build installs beside the old one and deletes it once
// active; the page then runs the new version on its next load (and says so).
const PRECACHE = ["./"] /*__PRECACHE__*/;
const VERSION = "dev" /*__VERSION__*/;
const CACHE = `selfeval-${VERSION}`;

self.addEventListener("install", (event) => {
  // from the server, not the HTTP cache, which may still hold the previous build's index.html
  const fresh = PRECACHE.map((url) => new Request(url, { cache: "reload" }));
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(fresh)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("selfeval-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// cache first: every file of a build is named by its content (index.html and sw.js aside,
// and the browser checks sw.js itself for a new build)
self.addEventListener("fetch", (event) => {
  if (event.request.method !== "GET") return;
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(event.request, { ignoreSearch: true }).then((hit) => hit || fetch(event.request)),
    ),
  );
});
