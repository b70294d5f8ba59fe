import type { FormInstance } from 'antd'

import { ApiError } from './api/client'

const UNEXPECTED = '出现了意外的错误，请刷新页面后再试'

/**
 * Shows a failed submission: the service's message for each field it names beside that field in
 * the form; returns what is left to say above the form (undefined when the fields say it all).
 */
export function showFailure(form: FormInstance, error: unknown, fieldNames: readonly string[]): string | undefined {
  if (!(error instanceof ApiError)) return UNEXPECTED
  const named = Object.entries(error.fields).filter(([field]) => fieldNames.includes(field))
  // A nested path (`drawRule.counts.0.category`) names the field inside a Form.List.
  form.setFields(named.map(([field, message]) => ({ name: field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)), errors: [message] })))
  const everyFieldShown = named.length > 0 && named.length === Object.keys(error.fields).length
  return everyFieldShown ? undefined : error.message
}
