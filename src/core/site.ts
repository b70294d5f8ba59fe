import type { Site } from './content/model'

/**
 * The product's default city, until the feed's `site` item arrives. Districts stay empty until
 * the feed delivers the official list.
 */
export const DEFAULT_SITE: Site = {
  cityName: '广州',
  bureauName: '广州市人力资源和社会保障局',
  hotline: '12333',
  districts: [],
}
