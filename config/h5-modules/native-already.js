// H5 build only, in place of `whatwg-fetch` and `abortcontroller-polyfill`, which Taro's request API
// imports for old browsers: every browser the build targets (package.json "browserslist": current
// Chrome, Safari on iOS 18 and later, Firefox, UC, QQ…) has fetch and AbortController itself, so the
// polyfills only added bytes to app.js. Nothing is exported: Taro imports them for their side effect.
