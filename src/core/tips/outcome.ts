// How a closed report was dealt with (处理方式), as staff record it when closing and as the
// reporter reads it on the status page.

export const CLOSE_METHODS = [
  'ordered_payment',
  'paid_voluntarily',
  'administrative_penalty',
  'guided_to_arbitration',
  'no_violation_found',
  'other',
] as const
export type CloseMethod = (typeof CLOSE_METHODS)[number]

export const CLOSE_METHOD_NAMES: Readonly<Record<CloseMethod, string>> = {
  ordered_payment: '责令用人单位支付',
  paid_voluntarily: '用人单位主动支付',
  administrative_penalty: '行政处罚',
  guided_to_arbitration: '引导申请劳动争议仲裁',
  no_violation_found: '未发现违法行为',
  other: '其他方式',
}

export function isCloseMethod(value: unknown): value is CloseMethod {
  return typeof value === 'string' && (CLOSE_METHODS as readonly string[]).includes(value)
}

/** What a closed report records: the method, and when known the money recovered (integer fen) and the workers paid. */
export interface CloseOutcome {
  method: CloseMethod
  recoveredFen: number | null
  workersPaid: number | null
}

/** The method's name; an unknown value (a newer server) reads as 其他方式 rather than a code. */
export function closeMethodName(method: string): string {
  return isCloseMethod(method) ? CLOSE_METHOD_NAMES[method] : CLOSE_METHOD_NAMES.other
}
