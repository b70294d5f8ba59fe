import { toHalfWidth } from '../../src/core/validators/half-width'

/**
 * 文号 as the standard writes them (GB/T 9704: 国办发〔2024〕12号): editors type the year's
 * brackets as ［］, [], 【】 or, around a year, ( ) and （）; digits come full-width from input methods.
 */
export function normaliseDocumentNumber(input: string): string {
  return toHalfWidth(input)
    .replace(/\s+/g, '')
    .replace(/[[［【〔](\d{4})[\]］】〕]/g, '〔$1〕')
    .replace(/[(（](\d{4})[)）]/g, '〔$1〕')
    .replace(/[[［【]/g, '〔')
    .replace(/[\]］】]/g, '〕')
}
