// The public pages in a real browser, against the running registry that e2e-tests' PublicPagesIT seeded with the
// Bangladesh and Thailand figures of domain.md: every page loads (200), has `lang`, no console error and no axe-core
// violation (WCAG 2.1 A/AA and best practices); links, the project search, the serial lookup, the language switch,
// the keyboard, a phone's width and a browser without JavaScript all work; a downloaded CSV is byte for byte the API's.
// Each page's screenshot goes to the screenshot directory. Exits 1 if any check fails, listing them all.
//
//   node pages.mjs <site url> <credit-issuance url> <project-registry url> <screenshot dir>
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [site, ci, pr, shots] = process.argv.slice(2);
if (!shots) {
  console.error('usage: node pages.mjs <site url> <credit-issuance url> <project-registry url> <screenshot dir>');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

const failed = [];
let passed = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (ok) passed++; else failed.push(what);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM, args: ['--no-sandbox'] });
const context = await browser.newContext({ acceptDownloads: true, locale: 'en-GB', viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
let consoleErrors = [];
page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
page.on('pageerror', e => consoleErrors.push(String(e)));

/** Every page: answers as expected, `lang` set, no console error, no axe violation, a screenshot. */
async function inspect(name, expectedStatus = 200, p = page) {
  const status = p.lastStatus;
  check(status === expectedStatus, `${name}: ${p.url().replace(site, '')} answers ${expectedStatus} (got ${status})`);
  const lang = await p.getAttribute('html', 'lang');
  check(!!lang, `${name}: <html lang="${lang}">`);
  await p.addScriptTag({ content: AXE });
  const result = await p.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }));
  const violations = result.violations.map(v => `${v.id} (${v.nodes.length}: ${v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(', ')})`);
  check(violations.length === 0, `${name}: axe-core finds no violation${violations.length ? ': ' + violations.join('; ') : ''}`);
  // A page answered with an error status is itself logged as a failed load: that one is expected.
  // axe-core passes a small table without headers; say it outright: every table has a caption and column headers.
  const bare = await p.$$eval('table', ts => ts.filter(t => !t.querySelector('caption')
    || t.querySelectorAll('thead th[scope="col"]').length !== t.querySelector('tr').children.length).length);
  check(bare === 0, `${name}: every table has a caption and a header per column${bare ? ` (${bare} without)` : ''}`);
  const errors = (p === page ? consoleErrors : []).filter(e => expectedStatus === 200 || !e.includes(`status of ${expectedStatus}`));
  check(errors.length === 0, `${name}: no console error${errors.length ? ': ' + errors.join(' | ') : ''}`);
  consoleErrors = [];
  await p.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

async function go(path, p = page) {
  const response = await p.goto(site + path);
  p.lastStatus = response.status();
}

async function follow(locator, p = page) {
  const [response] = await Promise.all([p.waitForNavigation(), locator.click()]);
  p.lastStatus = response ? response.status() : 0;
}

async function cells(tableId, p = page) {
  return p.$$eval(`#${tableId} tbody tr`, rows => rows.map(r => [...r.querySelectorAll('td')].map(td => td.textContent.trim())));
}

async function fact(label) {
  return page.$eval('dl.facts', (dl, label) => {
    const item = [...dl.querySelectorAll('div')].find(d => d.querySelector('dt').textContent.trim() === label);
    return item ? item.querySelector('dd').textContent.trim() : null;
  }, label);
}

async function csvOf(link) {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return readFileSync(await download.path(), 'utf8');
}

// 1. The registries, and from there Bangladesh's overview.
await go('/');
await inspect('home');
const registries = (await cells('registries')).map(r => r[0]);
check(['BD', 'JP', 'TH'].every(c => registries.includes(c)), `home lists the registries BD, JP, TH (${registries.join(', ')})`);
check(await csvOf(page.locator('#registries .download a')) === await (await fetch(`${ci}/api/registries?format=csv`)).text(),
  'the registries\' CSV is the API\'s, byte for byte');
await follow(page.locator('#registries a', { hasText: /^BD$/ }));
await inspect('registry-bd');
check(page.url() === `${site}/registries/BD`, 'the BD link leads to /registries/BD');
check(await fact('Issued') === '248', `Bangladesh issued 71 + 177 = 248 (page: ${await fact('Issued')})`);
check(await fact('Retired') === '20', `Bangladesh retired 20 (page: ${await fact('Retired')})`);
check(await fact('Transferred') === '30', `Bangladesh transferred 30 (page: ${await fact('Transferred')})`);
check(await fact('Held in entity holding accounts') === '198', `the participant holds 248 - 20 - 30 = 198 (page: ${await fact('Held in entity holding accounts')})`);
check(await page.locator('figure.chart svg[role="img"] rect').count() === 2, 'the chart has a bar per vintage (2017, 2018)');
check(await page.textContent('figure.chart svg desc') === '2017: 71; 2018: 177', 'the chart describes itself: issued by vintage, 2017 71, 2018 177');

// 2. Japan's registry: its share of Bangladesh's issuances (73 of 144, 178 of 355) and the ITMOs acquired from Thailand.
await go('/registries/JP');
await inspect('registry-jp');
check(await fact('Issued') === '251', `Japan's share of Bangladesh's issuances: 73 + 178 = 251 (page: ${await fact('Issued')})`);
check(await fact('Held in government holding accounts') === '401', `Japan holds 251 + 150 from Thailand = 401 (page: ${await fact('Held in government holding accounts')})`);

// 3. The project search (country, then state), and Bangladesh's project page.
await go('/projects');
await inspect('projects');
await page.selectOption('#f-country', 'BD');
await follow(page.locator('form.filters button[type="submit"]'));
check(new URL(page.url()).searchParams.get('country') === 'BD', `the search's state is in the URL (${page.url().replace(site, '')})`);
const found = await cells('projects');
check(found.length === 1 && found[0][0] === 'BD001', `searching BD finds BD001 only (${found.map(r => r[0]).join(', ')})`);
await inspect('projects-bd');
const projectsCsv = await csvOf(page.locator('#projects .download a'));
const projectsApi = await (await fetch(`${pr}/api/reports/projects?country=BD&format=csv`)).text();
check(projectsCsv === projectsApi, 'the project list\'s CSV is the API\'s, byte for byte');
check(projectsCsv.split('\r\n')[1]?.startsWith('BD001,'), 'and it holds BD001');
await follow(page.locator('#projects a', { hasText: 'BD001' }).first());
await inspect('project-bd001');
check((await cells('monitoring')).length === 2, 'BD001 shows its two monitoring periods, each with its verification');
check(await page.locator('#cycle li').count() === 6, 'and its cycle, from the idea note to its registration');
check(await page.locator('#participants li').count() === 2, 'and its two participants');
const projectId = new URL(page.url()).pathname.split('/').pop();
const monitoringCsv = await csvOf(page.locator('#monitoring .download a'));
check(monitoringCsv === await (await fetch(`${pr}/api/reports/monitoring?project=${projectId}&format=csv`)).text(),
  'the monitoring and verification CSV is the API\'s, byte for byte');
check(monitoringCsv.includes('2017: 150') && monitoringCsv.includes('2018: 355'), 'and it holds what was claimed and verified');
const issuedLines = await cells('issuances');
check(issuedLines.length === 4, `and the four allocation lines issued (${issuedLines.length})`);
const blocks = issuedLines.map(r => r[r.length - 1]);
check(['JCM-JP-BD001-2017-1-73', 'JCM-BD-BD001-2017-1-71', 'JCM-JP-BD001-2018-74-251', 'JCM-BD-BD001-2018-72-248'].every(b => blocks.includes(b)),
  `with their serial blocks in display form (${blocks.join(', ')})`);
const issuancesCsv = await csvOf(page.locator('#issuances .download a'));
const issuancesApi = await (await fetch(`${ci}/api/reports/issuances?project=BD001&format=csv`)).text();
check(issuancesCsv === issuancesApi, 'the project\'s issuances CSV is the API\'s, byte for byte');

// 4. From a block to its lineage; then the serial lookup with a block in display form.
await follow(page.locator('#issuances a', { hasText: 'JCM-BD-BD001-2017-1-71' }));
await inspect('serial-bd-1');
check((await cells('lineage')).map(r => r[2]).join(',') === 'ISSUED,RETIRED', 'serial 1 of BD: issued, then retired');
await go('/registries/BD/serials');
await page.fill('#f-serial', 'JCM-BD-BD001-2017-1-71');
await page.keyboard.press('Enter');
await page.waitForURL(/serial=/);
page.lastStatus = 200;
const lineage = await cells('lineage');
check(lineage.map(r => r[2]).join(',') === 'ISSUED,RETIRED', `a block in display form looks up its first serial (${lineage.map(r => r[2]).join(',')})`);
await go('/registries/BD/serials?serial=60');
check((await cells('lineage')).map(r => r[2]).join(',') === 'ISSUED,SPLIT,SPLIT', 'serial 60 of BD: issued, split by the retirement, split by the transfer');
await go('/registries/BD/serials?serial=not-a-serial');
await inspect('serial-refused', 400);
check((await page.textContent('main')).includes('JCM-REQ-001'), 'a malformed serial is refused with its rule code');

// 5. Retirements, and their CSV.
await go('/registries/BD/retirements');
await inspect('retirements-bd');
const retired = await cells('retirements');
check(retired.length === 1 && retired[0].includes('Dhaka Clean Air Fund') && retired[0].includes('JCM-BD-BD001-2017-1-20'),
  'the retirement shows its beneficiary and block');
const retirementsCsv = await csvOf(page.locator('#retirements .download a'));
check(retirementsCsv === await (await fetch(`${ci}/api/reports/retirements?registry=BD&format=csv`)).text(), 'the retirements CSV is the API\'s, byte for byte');

// 6. Issuances of Japan's registry for one project (state in the URL).
await go('/registries/JP/issuances?project=BD001');
await inspect('issuances-jp-bd001');
check((await cells('issuances')).length === 2, 'Japan received two blocks of BD001');

// 7. Thailand: the annual summary and the Article 6 tables of this year.
const year = new Date().getUTCFullYear();
await go('/registries/TH/transactions');
await inspect('transactions-th');
const summary = Object.fromEntries((await cells('summary')).map(r => [r[2], r[4]]));
check(summary.ISSUANCE === '300' && summary.EXTERNAL_TRANSFER === '150', `Thailand ${year}: 300 issued, 150 transferred abroad`);
await go(`/registries/TH/article6?year=${year}`);
await inspect('article6-th');
const actions = await cells('aef-actions');
check(actions.some(r => r.includes('FIRST_TRANSFER')) && actions.some(r => r.includes('TRANSFER')), 'the AEF actions show the first transfer and the transfer');
check(actions.some(r => r.includes('CA0001-THA01-THA-1-2024')), 'with the ITMO identifiers');

// 8. Japanese: headings and navigation from the bundle, the language kept by the links.
await go('/registries/TH?lang=ja');
await inspect('registry-th-ja');
check(await page.getAttribute('html', 'lang') === 'ja', 'lang=ja sets <html lang="ja">');
check((await page.textContent('header nav')).includes('プロジェクト'), 'the navigation is in Japanese');
check((await page.textContent('#facts-heading')) === '合計', 'and the headings');
await follow(page.locator('.subnav a', { hasText: '償却' }));
check(page.url().includes('lang=ja'), 'a link keeps the language');

// 9. The keyboard: the first Tab reaches "skip to content", Enter moves to the main content.
await go('/registries/BD');
await page.keyboard.press('Tab');
check(await page.evaluate(() => document.activeElement.classList.contains('skip')), 'the first Tab focuses the skip link');
await page.keyboard.press('Enter');
check(await page.evaluate(() => document.activeElement.id === 'content' || location.hash === '#content'), 'Enter on it moves to the content');

// 10. A page that does not exist, and a registry that does not.
await go('/registries/ZZ');
await inspect('registry-unknown', 404);
check((await page.textContent('main')).includes('JCM-REG-001'), 'an unknown registry answers its rule code');

// 11. A phone's width: nothing wider than the screen but the tables' own scrolling regions.
const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
const small = await phone.newPage();
await go('/registries/BD', small);
check(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'on a 390 px screen the page does not scroll sideways');
await inspect('registry-bd-phone', 200, small);
await phone.close();

// 12. Without JavaScript: the search still works (the site has no script at all).
const noScript = await browser.newContext({ javaScriptEnabled: false });
const plain = await noScript.newPage();
await go('/projects', plain);
await plain.selectOption('#f-state', 'REGISTERED');
await follow(plain.locator('form.filters button[type="submit"]'), plain);
const registered = await plain.$$eval('#projects tbody tr', rows => rows.length);
check(plain.url().includes('state=REGISTERED') && registered === 2, `without JavaScript the search by state works (${registered} registered projects)`);
check(await plain.$$eval('script', s => s.length) === 0, 'the pages carry no script');
await noScript.close();

await browser.close();
console.log(`\n${passed} checks passed, ${failed.length} failed; screenshots in ${shots}`);
if (failed.length) {
  console.log('Failed:\n  ' + failed.join('\n  '));
  process.exit(1);
}
