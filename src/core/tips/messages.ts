// The conversation between staff and the reporter about one report (留言): staff send a message or a
// question (需要您回复); the reporter replies in words and photos. Limits and the one text rule are
// shared by the service, the app's reply form and the console.
import { type Check, fail } from '../check'
import { cleanText } from '../text-rules'

export const MESSAGE_AUTHORS = ['staff', 'reporter'] as const
export type MessageAuthor = (typeof MESSAGE_AUTHORS)[number]

/** message: staff inform; question: staff ask and wait for an answer; reply: what the reporter writes. */
export const MESSAGE_KINDS = ['message', 'question', 'reply'] as const
export type MessageKind = (typeof MESSAGE_KINDS)[number]

export const STAFF_MESSAGE_KINDS = ['message', 'question'] as const
export type StaffMessageKind = (typeof STAFF_MESSAGE_KINDS)[number]

export const MESSAGE_BODY_MAX = 1000
export const REPLY_PHOTOS_MAX = 6

/** The words of a message or reply: trimmed, 1..MESSAGE_BODY_MAX characters, nothing unreadable. */
export function checkMessageBody(input: string | null | undefined, what = '回复'): Check<string> {
  const cleaned = cleanText(input ?? '', { label: what, action: '发送' })
  if (!cleaned.ok) return cleaned
  if (cleaned.value === '') return fail(`请填写${what}的内容`)
  if (Array.from(cleaned.value).length > MESSAGE_BODY_MAX) return fail(`${what}请不超过${MESSAGE_BODY_MAX}个字`)
  return cleaned
}

/** Whether the newest staff question still waits for the reporter: no reply came after it. */
export function hasOpenQuestion(items: readonly { author: string; kind: string }[]): boolean {
  for (let i = items.length - 1; i >= 0; i -= 1) {
    const item = items[i]
    if (item.author === 'reporter') return false
    if (item.kind === 'question') return true
  }
  return false
}
