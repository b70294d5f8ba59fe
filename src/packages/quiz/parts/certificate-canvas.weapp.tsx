import { Canvas } from '@tarojs/components'

export const CERTIFICATE_CANVAS_ID = 'pufa-certificate'

/** WeChat draws the certificate on a Canvas 2D of the page, kept out of sight. */
export default function CertificateCanvas() {
  return <Canvas type='2d' id={CERTIFICATE_CANVAS_ID} className='certificate__canvas' />
}
