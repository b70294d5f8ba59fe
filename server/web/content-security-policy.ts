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
