import test from 'node:test';
import assert from 'node:assert/strict';

import { DEFAULT_EXIT_URL, exitUrl } from '../../src/main/resources/webroot/js/ui/quick-exit.js';

test('quick exit follows a configured http(s) address or a blank page', () => {
  assert.equal(exitUrl('https://www.nrk.no/'), 'https://www.nrk.no/');
  assert.equal(exitUrl('http://example.org/weather'), 'http://example.org/weather');
  assert.equal(exitUrl('about:blank'), 'about:blank');
});

test('quick exit never follows an address that could run script or is missing', () => {
  for (const bad of ['javascript:alert(1)', 'data:text/html,<script>1</script>', '{{QUICK_EXIT_URL}}', '', null, undefined, 'about:srcdoc', '/relative']) {
    assert.equal(exitUrl(bad), DEFAULT_EXIT_URL, String(bad));
  }
});
