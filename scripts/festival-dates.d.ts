// Types of scripts/festival-dates.js, for its test.

/** The text of src/core/calendar/festival-dates.ts as the script writes it. */
export function render(): string
/** The path of src/core/calendar/festival-dates.ts. */
export const target: string
export const FIRST_YEAR: number
export const LAST_YEAR: number
