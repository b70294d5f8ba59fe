// Table shapes as stored: snake_case, timestamps as epoch milliseconds, JSON as text, flags as 0/1.
// Only repositories see these; everything above them uses camelCase domain types.

export interface FeedbackTable {
  id: string
  kind: string
  content: string
  question_id: string | null
  client_id: string | null
  created_at: number
}

export interface Database {
  feedback: FeedbackTable
}
