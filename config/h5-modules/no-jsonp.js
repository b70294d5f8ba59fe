// H5 build only, in place of `jsonp-retry`, which Taro's request API loads for `Taro.request({ jsonp })`.
// The app never asks for JSONP (its API is same-origin JSON, and the Content Security Policy would
// refuse the script JSONP needs); should a request ever ask, it fails plainly instead of loading it.
module.exports = function jsonpUnsupported() {
  return Promise.reject(new Error('JSONP is not supported by this build'))
}
