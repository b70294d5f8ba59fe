// jsdom lacks fetch; Taro's H5 request uses it. Lend jsdom Node's own fetch (and the AbortController
// it accepts), so that page tests talk to a real server over HTTP.
const { TestEnvironment } = require('jest-environment-jsdom')

class JsdomWithFetch extends TestEnvironment {
  constructor(config, context) {
    super(config, context)
    Object.assign(this.global, {
      fetch,
      Request,
      Response,
      Headers,
      AbortController,
      AbortSignal,
      TextEncoder,
      TextDecoder,
    })
  }
}

module.exports = JsdomWithFetch
