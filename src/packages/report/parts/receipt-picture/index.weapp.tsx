import type { OutboxReport } from '../../../../core/tips/outbox'

/**
 * WeChat: no picture of the receipt; the worker subscribes to reminders on it instead, and finds the
 * report in 我的反映 on any phone with the same WeChat. H5: see index.tsx.
 */
export default function ReceiptPicture(_props: { report: OutboxReport }) {
  return null
}
