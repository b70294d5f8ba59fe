export const CERTIFICATE_CANVAS_ID = 'pufa-certificate'

/** H5 draws on a canvas of its own (save-certificate.ts): nothing on the page. */
export default function CertificateCanvas() {
  return null
}
