// What text a person types may not contain: control characters other than tab and newline,
// bidirectional overrides that could make text read differently to staff than it was written, and
// lone surrogates no database can store. No lookbehind: older iOS mini-program engines cannot parse it.
const UNREADABLE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/

export function hasUnreadableCharacters(text: string): boolean {
  return UNREADABLE.test(text)
}
