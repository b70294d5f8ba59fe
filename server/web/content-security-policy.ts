// Taro H5 and NutUI set inline styles, hence 'unsafe-inline' for styles only. Scripts stay 'self';
// the inline bootstrap script of the built index.html is allowed by its hash (see static.routes.ts).
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  // Explainers may show images from government sites (https only; the sanitiser drops the rest).
  imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
  workerSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  scriptSrc: ["'self'"],
  // blob: for evidence photos: on H5, Taro.chooseImage hands over blob: URLs and Taro.uploadFile
  // reads them back with an XMLHttpRequest before posting them; nothing else connects to blob:.
  connectSrc: ["'self'", 'blob:'],
  fontSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
}

/**
 * The staff console's policy. antd writes its styles into <style> elements at run time (CSS-in-JS):
 * they carry the page's nonce (ConfigProvider csp), so neither scripts nor style elements need
 * 'unsafe-inline'. Style attributes that React sets go through the CSSOM, which CSP allows. The
 * enrolment QR code is a data: image.
 */
export function consoleCspDirectives(nonce: string) {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", `'nonce-${nonce}'`],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  }
}
