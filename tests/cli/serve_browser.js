// serve_browser.js — `pdpascan serve` in a real browser: Debian's Chromium,
// headless, driven over the DevTools protocol (puppeteer-core, installed in
// tests/.tools by scripts/deps.sh test).  It opens the page, puts a file in
// the file input as a person would, submits, waits for the verdict and takes
// a screenshot; it prints one JSON line of what it saw, and the shell test
// (test_serve.sh) judges it.
//
//   node serve_browser.js URL FILE SCREENSHOT.png [chromium|firefox]
// (Firefox: Debian's firefox-esr, over WebDriver BiDi.)
const path = require('path');
const puppeteer = require(path.join(__dirname, '..', '.tools', 'node_modules', 'puppeteer-core'));

async function main() {
  const [url, file, shot, which] = process.argv.slice(2);
  const browser = which === 'firefox'
    ? await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true })
    : await puppeteer.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
  const seen = { csp: [], errors: [] };
  try {
    const page = await browser.newPage();
    page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) seen.csp.push(m.text()); });
    page.on('pageerror', (e) => seen.errors.push(String(e)));
    await page.setViewport({ width: 1100, height: 1400 });
    await page.goto(url, { waitUntil: 'load' });
    const input = await page.$('input[type=file]');
    await input.uploadFile(file);
    seen.names = await page.$eval('#names', (e) => e.textContent); // the page's script named the file
    await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout: 60000 }), page.click('button[type=submit]')]);
    await page.waitForSelector('.fv', { timeout: 60000 });
    seen.verdicts = await page.$$eval('.fv b', (b) => b.map((x) => x.textContent));
    seen.pictures = await page.$$eval('figure img', (i) => i.filter((x) => x.complete && x.naturalWidth > 0).length);
    seen.downloads = await page.$$eval('a.dl', (a) => a.map((x) => x.getAttribute('download')));
    seen.filters = await page.$$eval('tr[data-s]', (r) => r.filter((x) => x.style.display !== 'none').length); // the report's script ran
    await page.screenshot({ path: shot, fullPage: false });
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(seen));
}

main().catch((e) => {
  console.log(JSON.stringify({ failed: String(e) }));
  process.exit(1);
});
