// Launch options for Debian's Chromium, shared by the browser suite and the icon renderer.
// Never let Playwright download a browser: only the system one is reachable here.
const fs = require('node:fs')

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

function launchOptions() {
  return {
    executablePath,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  }
}

function browserAvailable() {
  return fs.existsSync(executablePath)
}

module.exports = { launchOptions, browserAvailable, executablePath }
