// import() with subresource integrity, for a module a page loads only when it is needed. A dynamic
// import() carries no integrity of its own; the server lists, in the page, the SHA-384 of such a
// module and of every module it imports that the page has not loaded yet
// (<meta name="lytt-module" data-for="…" content="<module> sha384-…">, http/Subresources.java).
// Each becomes a modulepreload link with that integrity; once all have loaded, import() finds them
// in the document's module map, checked, and fetches nothing again. A module whose bytes do not
// match is refused by the browser, and the import fails.

const loading = new Map();

/** The module at `path` (an absolute path such as /js/ui/x.js), checked against the page's list; once. */
export function importChecked(path) {
  if (!loading.has(path)) {
    const attempt = preload(path).then(() => import(path));
    attempt.catch(() => loading.delete(path)); // a network failure may be tried again
    loading.set(path, attempt);
  }
  return loading.get(path);
}

function preload(path) {
  const listed = [...document.querySelectorAll('meta[name="lytt-module"]')].filter((m) => m.dataset.for === path);
  return Promise.all(listed.map((meta) => new Promise((resolve, reject) => {
    const [href, integrity] = meta.content.split(' ');
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    link.integrity = integrity;
    link.onload = resolve;
    link.onerror = () => {
      link.remove();
      reject(new Error(`${href} could not be loaded or does not match its integrity`));
    };
    document.head.append(link);
  })));
}
