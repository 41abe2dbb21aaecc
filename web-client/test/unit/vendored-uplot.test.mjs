import test from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

// The charts library is committed under js/vendor so a fresh clone runs without npm; this keeps the
// copy honest: byte for byte the release pinned in package.json, so an upgrade is a deliberate copy.
const VERSION = '1.6.32';
const vendored = (name) => readFile(new URL(`../../src/main/resources/webroot/js/vendor/uplot-${VERSION}/${name}`, import.meta.url));
const upstream = (name) => readFile(new URL(`../../node_modules/uplot/${name}`, import.meta.url));

test('the vendored uPlot is byte for byte the pinned npm release, with its licence', async () => {
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
  assert.equal(pkg.devDependencies.uplot, VERSION, 'the version in the vendored path');
  for (const [file, from] of [['uPlot.iife.min.js', 'dist/uPlot.iife.min.js'], ['uPlot.min.css', 'dist/uPlot.min.css'],
    ['LICENSE', 'LICENSE']]) {
    assert.ok((await vendored(file)).equals(await upstream(from)), file);
  }
});
