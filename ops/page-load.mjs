#!/usr/bin/env node
// The visitor page's first load, measured in Debian's Chromium (docs/performance.md, "Visitor page,
// first load"). Starts a development-mode node from the built jar (and, for `serve=nginx`, Debian's
// nginx in front of it with TLS and HTTP/2, as ops/nginx/lytt.conf runs in production), opens the
// visitor page in a fresh browser context (empty cache, new connections) under each network
// profile and CPU slowdown, and reports bytes received, requests, first contentful paint and the
// moment the page is usable (web-client/test/browser/first-load.mjs says exactly what that is).
//
//   node ops/page-load.mjs [runs=5] [profiles=devtools-slow-4g,lighthouse-slow-4g] [cpu=1,4]
//                          [serve=nginx,direct] [server-cpus=0] [out=target/page-load] [url=http://…]
//                          [jar=chat-server/target/lytt-chat-server.jar[,another.jar]]
//
// `url=` measures a node that is already running (serve is then ignored). `jar=` names the build to
// serve; with two or more (before and after a change), each gets its own node and the loads take
// turns between them, so a machine busy with something else slows both alike. Needs the fat jar
// (`mvn -DskipTests package`), web-client's npm packages (`npm ci` there, for playwright-core),
// Chromium at /usr/bin/chromium or LYTT_CHROMIUM, and for serve=nginx nginx and openssl.
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createServer } from 'node:net';
import { tmpdir, loadavg } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { launch } from '../web-client/test/browser/helpers.mjs';
import { USABLE, firstLoad } from '../web-client/test/browser/first-load.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Network profiles for Network.emulateNetworkConditions (latency in ms per request, throughput in
 * bytes per second).
 * - devtools-slow-4g: Chromium DevTools' own "Slow 4G" preset, `Slow4GConditions` in the DevTools
 *   frontend's front_end/core/sdk/NetworkManager.ts: 150 ms RTT × 3.75 = 562.5 ms latency,
 *   1.6 Mbit/s × 0.9 down, 750 kbit/s × 0.9 up (180,000 and 84,375 bytes/s). The factors are
 *   Lighthouse's: DevTools adds its latency to every request, so it stands for a request on a new
 *   connection (DNS, TCP, TLS and the request itself, crbug.com/721112).
 * - lighthouse-slow-4g: the network Lighthouse simulates for its mobile "Slow 4G" run, its
 *   core/config/constants.js `throttling.mobileSlow4G`: rttMs 150, throughputKbps 1.6 × 1024
 *   (209,715 bytes/s), 750 kbit/s up (Lighthouse's kbit are 1,024 bits: 96,000 bytes/s), applied here
 *   as they are, 150 ms once per request.
 * - none: no throttling (loopback), the floor set by the machine itself.
 */
export const PROFILES = {
  'devtools-slow-4g': { latency: 150 * 3.75, downloadThroughput: (1.6 * 1000 * 1000 / 8) * 0.9, uploadThroughput: (750 * 1000 / 8) * 0.9 },
  'lighthouse-slow-4g': { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 },
  none: null,
};

const settings = Object.fromEntries(process.argv.slice(2).map((arg) => {
  const at = arg.indexOf('=');
  if (at < 1) throw new Error(`settings are key=value, not "${arg}"`);
  return [arg.slice(0, at), arg.slice(at + 1)];
}));
const list = (key, fallback) => (settings[key] ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);
const runs = Number(settings.runs ?? 5);
const profiles = list('profiles', 'devtools-slow-4g,lighthouse-slow-4g');
const cpuRates = list('cpu', '1,4').map(Number);
const serves = settings.url ? ['given'] : list('serve', 'nginx,direct');
const jars = list('jar', 'chat-server/target/lytt-chat-server.jar').map((j) => resolve(ROOT, j));
const out = resolve(ROOT, settings.out ?? `target/page-load/${new Date().toISOString().replace(/[:.]/g, '-')}`);
for (const p of profiles) if (!(p in PROFILES)) throw new Error(`unknown profile ${p}: ${Object.keys(PROFILES).join(', ')}`);

const children = [];
process.on('exit', () => children.forEach((c) => c.exitCode === null && c.kill()));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

const freePort = () => new Promise((done, fail) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => done(port)); }).on('error', fail);
});

/** taskset in front of a server's command when server-cpus is set, as ops/bench.sh pins every server. */
const pinned = (command) => (settings['server-cpus'] ? ['taskset', '-c', settings['server-cpus'], ...command] : command);

/** Any LYTT_* variable in this script's environment wins over its settings, as with the load generator. */
function start(name, command, env = {}) {
  const log = openSync(join(out, `${name}.log`), 'a');
  const [file, ...args] = pinned(command);
  const child = spawn(file, args, { env: { ...env, ...process.env }, stdio: ['ignore', log, log] });
  children.push(child);
  return child;
}

/** 200 from `url` (a throwaway certificate on loopback is accepted), or false. */
const answers = (url) => new Promise((done) => {
  (url.startsWith('https:') ? https : http).get(url, { rejectUnauthorized: false }, (res) => {
    res.resume();
    done(res.statusCode === 200);
  }).on('error', () => done(false));
});

async function waitFor(url, child, what) {
  for (let i = 0; i < 600; i += 1) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}); see ${out}`);
    if (await answers(url)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not come up at ${url}`);
}

/** A development node of `jar` on a free loopback port, open whatever the hour, with random demo passwords. */
async function startNode(jar, extraEnv) {
  if (!existsSync(jar)) throw new Error(`${jar} is missing: mvn -B -q -DskipTests package`);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'lytt-page-'));
  const node = start('node', ['java', '-Xms256m', '-Xmx1g', '-jar', jar], {
    LYTT_HTTP_HOST: '127.0.0.1', LYTT_HTTP_PORT: String(port), LYTT_HOURS_OVERRIDE: 'open',
    LYTT_ORG_DEV_KEY_FILE: join(dir, 'dev-org.key'),
    LYTT_DEMO_PASSWORD: randomBytes(12).toString('hex'), LYTT_ADMIN_PASSWORD: randomBytes(12).toString('hex'),
    LYTT_LIMITS_CONNECTIONS_PER_SOURCE: '100000', ...extraEnv(port),
  });
  await waitFor(`http://127.0.0.1:${port}/ready`, node, 'the node');
  return port;
}

/**
 * nginx with the production site's proxying rules (the `map` and `location /` blocks of
 * ops/nginx/lytt.conf, as the rolling-restart test uses them), here with TLS and HTTP/2 on a
 * loopback port and a throwaway self-signed certificate. Started as root, it runs as nobody.
 * `listen … ssl http2`, as in the site itself: Debian 12's nginx 1.22 predates `http2 on`.
 */
async function startNginx(port, upstream) {
  const dir = mkdtempSync(join(tmpdir(), 'lytt-page-nginx-'));
  chmodSync(dir, 0o777);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  chmodSync(join(dir, 'key.pem'), 0o644);
  const site = readFileSync(join(ROOT, 'ops/nginx/lytt.conf'), 'utf8');
  writeFileSync(join(dir, 'nginx.conf'), `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
    client_body_temp_path ${dir}/body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    access_log off;
    upstream lytt_nodes {
        server 127.0.0.1:${upstream};
        keepalive 8;
        keepalive_timeout 30s;
    }
    ${block(site, 'map $http_upgrade $connection_upgrade')}
    server {
        listen 127.0.0.1:${port} ssl http2;
        ssl_certificate ${dir}/cert.pem;
        ssl_certificate_key ${dir}/key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;
        client_max_body_size 64k;
        ${block(site, 'location / ')}
    }
}
`);
  const asNobody = process.getuid?.() === 0 && existsSync('/usr/bin/setpriv')
    ? ['/usr/bin/setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'] : [];
  const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find(existsSync) ?? 'nginx';
  const child = start('nginx', [...asNobody, nginx, '-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')]);
  await waitFor(`https://localhost:${port}/ready`, child, 'nginx');
}

/** The block of `conf` that starts with `start`, through its matching brace. */
function block(conf, startsWith) {
  const from = conf.indexOf(startsWith);
  if (from < 0) throw new Error(`ops/nginx/lytt.conf has no '${startsWith}' block`);
  let depth = 0;
  for (let i = conf.indexOf('{', from); i < conf.length; i += 1) {
    if (conf[i] === '{') depth += 1;
    else if (conf[i] === '}' && (depth -= 1) === 0) return conf.slice(from, i + 1);
  }
  throw new Error('unbalanced braces in ops/nginx/lytt.conf');
}

async function serve(how, jar) {
  if (how === 'given') return settings.url.replace(/\/?$/, '/');
  if (how === 'direct') {
    const port = await startNode(jar, () => ({}));
    return `http://localhost:${port}/`;
  }
  if (how === 'nginx') {
    const front = await freePort();
    const port = await startNode(jar, () => ({
      LYTT_HTTP_PUBLIC_ORIGIN: `https://localhost:${front}`, LYTT_HTTP_BEHIND_TLS: 'true', LYTT_HTTP_TRUSTED_PROXIES: '127.0.0.1',
    }));
    await startNginx(front, port);
    return `https://localhost:${front}/`;
  }
  throw new Error(`unknown serve=${how}: nginx, direct`);
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const worst = (xs) => Math.max(...xs);
const kb = (bytes) => (bytes / 1000).toFixed(1);

async function main() {
  mkdirSync(out, { recursive: true });
  const browser = await launch();
  const builds = jars.length > 1;
  console.log(`Usable: ${USABLE.description}.`);
  console.log(`${runs} runs each; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`|${builds ? ' build |' : ''} serve | profile | CPU | bytes (kB) | requests | FCP median / worst (ms) | usable median / worst (ms) |`);
  console.log(`|${builds ? '---|' : ''}---|---|---|---|---|---|---|`);
  try {
    const targets = [];
    for (const how of serves) {
      for (const jar of settings.url ? [null] : jars) {
        const url = await serve(how, jar);
        // One unmeasured load first: the node's JIT and Chromium's own start-up are not the page's cost.
        await firstLoad(browser, url, { ignoreHTTPSErrors: true });
        targets.push({ how, build: jar ? basename(jar) : settings.url, url, samples: [] });
      }
    }
    for (const profile of profiles) {
      for (const cpuRate of cpuRates) {
        for (const t of targets) t.samples = [];
        for (let i = 0; i < runs; i += 1) {
          for (const t of targets) {
            t.samples.push(await firstLoad(browser, t.url, { network: PROFILES[profile], cpuRate, ignoreHTTPSErrors: true }));
          }
        }
        for (const { how, build, samples } of targets) report({ how, build, profile, cpuRate, samples, builds });
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`Every run, with each request's bytes and timing: ${join(out, 'page-load-runs.jsonl')}`);
}

/** One table row and one JSON line for the loads of one build, serve, profile and CPU rate. */
function report({ how, build, profile, cpuRate, samples, builds }) {
  const row = {
    scenario: 'page', build, serve: how, profile, cpu: cpuRate, runs,
    bytes_median: median(samples.map((s) => s.bytes)), bytes_max: worst(samples.map((s) => s.bytes)),
    requests: median(samples.map((s) => s.requests)),
    fcp_median_ms: median(samples.map((s) => s.fcp)), fcp_worst_ms: worst(samples.map((s) => s.fcp)),
    usable_median_ms: median(samples.map((s) => s.usable)), usable_worst_ms: worst(samples.map((s) => s.usable)),
    origins: [...new Set(samples.flatMap((s) => s.origins))],
    load_average: loadavg()[0],
  };
  appendFileSync(join(out, 'results.jsonl'), `${JSON.stringify(row)}\n`);
  appendFileSync(join(out, 'page-load-runs.jsonl'),
    `${samples.map((s) => JSON.stringify({ build, serve: how, profile, cpu: cpuRate, ...s })).join('\n')}\n`);
  console.log(`|${builds ? ` ${build} |` : ''} ${how} | ${profile} | ${cpuRate}× | ${kb(row.bytes_median)} | ${row.requests} | `
    + `${row.fcp_median_ms} / ${row.fcp_worst_ms} | ${row.usable_median_ms} / ${row.usable_worst_ms} |`);
}

await main();
process.exit(0);
