/** Site settings: arrive from the CMS feed as a `site` item; until then the city defaults apply. */
export interface District {
  code: string
  name: string
}

export interface SiteSettings {
  cityName: string
  bureauName: string
  hotline: string
  districts: District[]
}

// The product's default city. Districts are left empty until the feed delivers the official list.
export const DEFAULT_SITE: SiteSettings = {
  cityName: '广州',
  bureauName: '广州市人力资源和社会保障局',
  hotline: '12333',
  districts: [],
}
