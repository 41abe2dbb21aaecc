// axe-core for the browser flows. The pages' CSP forbids injected script, so axe runs in a context
// that bypasses CSP; what it checks is the same page. Findings of "serious" or "critical" impact
// fail a flow; lesser ones are left to review.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A fresh context axe can be injected into (own cookies, like a separate browser). */
export async function axeContext(browser, viewport = { width: 1280, height: 860 }) {
  const context = await browser.newContext({ bypassCSP: true, viewport, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  context.setDefaultTimeout(15000);
  return context;
}

/** Every violation on the page as it is now, one readable line each, starting with its impact. */
export async function allFindings(page) {
  if (!(await page.evaluate(() => Boolean(globalThis.axe)))) await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The serious and critical violations on the page as it is now, one readable line each. */
export async function seriousFindings(page) {
  return (await allFindings(page)).filter((line) => /^(serious|critical) /.test(line))
    .map((line) => line.replace(/^\w+ /, ''));
}

/** Opens `url` in its own axe context, brings it to a state with `prepare(page)`, and checks it. */
export async function axeFindings(browser, url, prepare = async () => {}) {
  const context = await axeContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(url);
    await prepare(page);
    return await seriousFindings(page);
  } finally {
    await context.close();
  }
}
