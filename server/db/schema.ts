// Table shapes as stored: snake_case, timestamps as epoch milliseconds, JSON as text, flags as 0/1.
// Only repositories see these; everything above them uses camelCase domain types.
import type { Generated } from 'kysely'

export interface FeedbackTable {
  id: string
  kind: string
  content: string
  question_id: string | null
  client_id: string | null
  /** The phone number left for a reply, encrypted (field-crypto); null when none was left. */
  contact: string | null
  created_at: number
  /** FEEDBACK_STATUSES (src/core/feedback-handling.ts): 'open' until staff handle it (0017). */
  status: Generated<string>
  /** Staff's internal note, encrypted (field-crypto); null when none. */
  staff_note: string | null
  /** The staff member who last set a state other than open, and when. */
  handled_by: string | null
  handled_at: number | null
}

export interface ContentStateTable {
  /** Always 1: a single row. */
  id: number
  /** Made anew with the database; a sync cursor from another epoch is void. */
  epoch: string
  /** The last seq given to a content write. */
  last_seq: number
  /** Tombstones up to this seq have been purged: older cursors must start again. */
  purged_seq: number
}

export interface ContentItemsTable {
  id: string
  type: string
  /** Name of the feed source the item last came from. */
  source: string
  seq: number
  deleted: number
  /** 1 when phones may have it (not a contest question). */
  served: number
  /** 1 once the item has been served: from then on its changes, removal included, are served. */
  listed: number
  /** The item's model shape as JSON, exactly as served. */
  data: string
  /** SHA-256 of type and data: an unchanged item is not rewritten. */
  hash: string
  /** When the CMS says the item last changed (epoch ms), to ignore stale copies. */
  modified_at: number | null
  updated_at: number
}

export interface ContentSourcesTable {
  name: string
  etag: string | null
  last_modified: string | null
  last_success_at: number | null
  last_failure_at: number | null
  /** Plain Chinese for operators; no internals. */
  last_error: string | null
  /** Items the last read turned away, and the first reasons (JSON list of plain Chinese). */
  rejected_count: number
  rejected_reasons: string | null
}

export interface TipsTable {
  id: string
  tracking_code: string
  /** Keyed hash of the access key of an anonymous report; the key itself is never stored. */
  access_key_hash: string | null
  kind: string
  district_code: string
  status: string
  /** field-crypto values, AAD {table: 'tips', rowId: id, column}. */
  reporter_name: string | null
  reporter_mobile: string | null
  reporter_id_number: string | null
  mobile_hash: string | null
  mobile_last4_hash: string | null
  employer_name: string
  employer_uscc: string | null
  employer_hash: string
  work_address: string
  is_construction: number
  project_name: string | null
  workers_owed: number
  /** null when a tip gives no amount. */
  amount_fen: number | null
  /** 1 when the reporter gave the amount as an estimate (约5万). */
  amount_approximate: number
  owed_from: string
  owed_to: string
  description: string
  consent_sensitive: number
  created_at: number
  duplicate_of: string | null
  /** JSON of ReportDeadlines. */
  deadlines: string
  /** China date ('YYYY-MM-DD') staff accepted the report: the investigation deadlines count from it. */
  accepted_on: string | null
  /** The reporter's rating once the report is closed (TIP_RATINGS), given once; null until then. */
  rating: string | null
  rating_comment: string | null
  rated_at: number | null
  /** The running legal deadline (China date); null when no clock runs (final, or a 举报 not yet accepted). */
  due_on: string | null
  /** 0 when the holiday calendar does not cover due_on: an estimate. */
  due_covered: Generated<number>
  /** The staff member who accepted the report (承办人); null before. */
  handler_id: string | null
  /** field-crypto JSON {approver, note, at} of the one extension, AAD {table: 'tips', rowId: id, column: 'extension'}. */
  extension: string | null
  /** JSON {method, recoveredFen, workersPaid} of a closed report. */
  outcome: string | null
  /** Keyed hash of the normalised work address, for duplicate suggestions. */
  address_hash: string | null
  /** Reporter replies staff have not read (0013; maintained by server/conversation/). */
  unread_replies: Generated<number>
  /** When the reporter last replied (epoch ms); null before any reply. */
  last_reply_at: number | null
  /** The WeChat user who sent the report from the mini-program (0020); null from H5. */
  wechat_user_id: string | null
  /** When that WeChat user last opened the report (0020): changes after it are marked in 我的反映. */
  owner_seen_at: number | null
}

export interface IdempotencyKeysTable {
  key: string
  /** Keyed hash (PUFA_HASH_KEY) of the canonical JSON of the validated report. */
  fingerprint: string
  status: string
  response_status: number | null
  response_body: string | null
  created_at: number
}

/**
 * An evidence photo; its bytes are the file uploads/quarantine/<id> (SQLite) or the rows of
 * photo_chunks (PostgreSQL). No original file name.
 */
export interface UploadsTable {
  id: string
  /** Detected from the bytes: image/jpeg, image/png, image/webp or image/heic. */
  media_type: string
  size_bytes: number
  /** SHA-256 (hex) of the file, checked when it is read back. */
  sha256: string
  created_at: number
  /** created_at + 24 h: unattached after this, the upload and its file are purged. */
  expires_at: number
  /** The report that uses it; null while quarantined. */
  tip_id: string | null
  attached_at: number | null
  /** The reporter's reply the photo came with (0014); null for the report's own evidence. */
  message_id: string | null
  /** Keyed hash of the sender (device id, else address) for the per-client budget (0019); null before. */
  client_key: string | null
  /** 1: stored cleaned of metadata as it arrived (0019); 0: stored as sent, cleaned when read. */
  metadata_stripped: Generated<number>
}

/** PostgreSQL only (0019): an evidence photo's bytes, in pieces numbered from 0. */
export interface PhotoChunksTable {
  upload_id: string
  seq: number
  data: Uint8Array
  created_at: number
}

/** One message of the conversation about a report (0014). */
export interface TipMessagesTable {
  id: string
  tip_id: string
  /** 'staff' or 'reporter'. */
  author: string
  /** 'message' or 'question' (staff), 'reply' (reporter). */
  kind: string
  /** field-crypto, AAD {table: 'tip_messages', rowId: id, column: 'body'}. */
  body: string
  staff_id: string | null
  /** The app's id of a reply (unique per report); null for staff messages. */
  client_id: string | null
  created_at: number
  /** For a reporter's reply: when staff first read it. */
  read_at: number | null
}

/** Who acts on the staff side: a machine token or a person's account (0012). */
export interface StaffTable {
  id: string
  /** 'token' (machine to machine, bearer) or 'account' (a person: password, TOTP, sessions). */
  kind: string
  name: string
  /** STAFF_ROLES: a district token is an inspector, a city token a supervisor. */
  role: string
  /** Only for an inspector: the one district they see. */
  district_code: string | null
  /** Tokens only: SHA-256 (hex) of the token; the token itself is shown once and never stored. */
  token_hash: string | null
  created_at: number
  /** A revoked token or a disabled account; its requests and sessions end. */
  revoked_at: number | null
}

/** A person's credentials; the row of `staff` with the same id says who they are. */
export interface StaffAccountsTable {
  staff_id: string
  /** Lower case, unique. */
  login: string
  /** password-hash.ts (scrypt with its parameters); null until enrolled. */
  password_hash: string | null
  /** The authenticator's secret (base32), field-crypto, AAD {table: 'staff_accounts', rowId: staff_id, column}. */
  totp_secret: string | null
  /** The time step of the last TOTP code accepted; codes of that step or earlier are refused. */
  totp_last_step: number | null
  /** Failed sign-ins in a row; the account locks when they reach the limit. */
  failed_attempts: number
  locked_until: number | null
  enrolled_at: number | null
}

/** A one-time enrolment code: sets (or resets) an account's password and authenticator. */
export interface StaffEnrolmentsTable {
  id: string
  staff_id: string
  /** SHA-256 (hex) of the code; the code itself is printed once by the CLI. */
  code_hash: string
  /** The authenticator secret offered, field-crypto, AAD {table: 'staff_enrolments', rowId: id, column}. */
  totp_secret: string
  created_at: number
  expires_at: number
}

/** A signed-in browser. The session id lives in its cookie; only its SHA-256 is stored. */
export interface StaffSessionsTable {
  id_hash: string
  staff_id: string
  created_at: number
  last_seen_at: number
}

/** One status change of a report; the submission itself is the report's created_at. */
export interface TipEventsTable {
  id: string
  tip_id: string
  from_status: string
  to_status: string
  /** Shown to the reporter on the status page. */
  note_to_reporter: string | null
  /** Staff only; never leaves the staff API. */
  internal_note: string | null
  staff_id: string | null
  at: number
  /** TIP_ACTIONS, or 'transition' for changes recorded before 0013. */
  action: Generated<string>
  /** JSON object without personal data. */
  detail: Generated<string>
}

/** A staff member's internal note on a report. */
export interface TipNotesTable {
  id: string
  tip_id: string
  staff_id: string | null
  /** field-crypto, AAD {table: 'tip_notes', rowId: id, column: 'body'}. */
  body: string
  created_at: number
}

/** Append-only (database triggers refuse UPDATE and DELETE). */
export interface AuditLogTable {
  id: string
  at: number
  /** null for the operator's CLI (purge, key rotation, token management). */
  staff_id: string | null
  action: string
  tip_id: string | null
  /** JSON object without personal data. */
  detail: string
}

export interface ContestsTable {
  id: string
  title: string
  starts_at: number
  ends_at: number
  question_count: number
  time_limit_seconds: number
  attempts_per_day: number
  min_seconds_per_question: number
  /** JSON of DrawRule: {"kind":"mixed"} or {"kind":"categories","counts":[{category,count}]}. */
  draw_rule: string
  created_by: string | null
  created_at: number
  updated_at: number | null
  updated_by: string | null
  /** Closed early from the console: ends_at was moved to this moment. */
  closed_at: number | null
  closed_by: string | null
}

/** A contest participant: no personal data, only a district and an optional nickname. */
export interface QuizParticipantsTable {
  id: string
  /** SHA-256 (hex) of the participant token; the token itself is never stored. */
  token_hash: string
  district_code: string
  nickname: string | null
  show_on_board: number
  created_at: number
  /** Hidden from the public board by staff (moderation); null when shown. */
  board_hidden_at: number | null
  board_hidden_by: string | null
  /** The WeChat user this participant is (0020): one participant per WeChat user; null from H5. */
  wechat_user_id: string | null
}

/** A further token of a participant, one per phone of the same WeChat user that registered (0020). */
export interface QuizParticipantTokensTable {
  /** SHA-256 (hex) of the token. */
  token_hash: string
  participant_id: string
  created_at: number
}

/** A WeChat user of the mini-program, known only by a keyed hash of the openid (0020). */
export interface WeChatUsersTable {
  id: string
  /** keyedHash(PUFA_HASH_KEY, 'wechat_openid', openid); the openid itself is never stored. */
  openid_hash: string
  created_at: number
}

/** A mini-program session (X-Pufa-Session); only the token's SHA-256 is stored (0020). */
export interface WeChatSessionsTable {
  token_hash: string
  user_id: string
  created_at: number
  last_seen_at: number
}

export interface QuizAttemptsTable {
  id: string
  contest_id: string
  participant_id: string
  /** China date the attempt started: attempts per day count on it. */
  china_date: string
  /** 1 for the participant's first attempt of that contest on that date, 2 for the second… */
  ordinal: number
  /** JSON of the questions drawn, options in the order shown, answers included (never sent before finishing). */
  questions: string
  started_at: number
  deadline_at: number
  /** Server time of the last answer (the start before the first): the minimum time per question counts from it. */
  last_answer_at: number
  finished_at: number | null
  score: number | null
  time_used_ms: number | null
}

export interface QuizAnswersTable {
  attempt_id: string
  question_id: string
  /** JSON array of the chosen option ids. */
  option_ids: string
  answered_at: number
}

/** Anonymous aggregate counts from the app (0015): nothing identifying, no time finer than a day. */
export interface UsageCountersTable {
  /** USAGE_METRICS (src/core/usage-counters.ts). */
  metric: string
  /** What was counted: an explainer's id, or a question category. */
  subject: string
  /** China date, 'YYYY-MM-DD'. */
  day: string
  count: number
}

/** usage_counters summed by month, kept by triggers (migration 0018): the figures of long periods. */
export interface UsageCounterMonthsTable {
  metric: string
  subject: string
  /** 'YYYY-MM' of the China days. */
  month: string
  count: number
  /** The day rows of usage_counters in the sum. */
  days: number
}

/** What the worker accepted on the receipt, per report and template (0021); openid encrypted. */
export interface WeChatSubscriptionsTable {
  id: string
  tip_id: string
  /** NOTICE_TEMPLATES: accepted, closed, message. */
  template: string
  /** The template id the worker accepted. */
  template_id: string
  openid: string
  page_key: string | null
  /** Messages WeChat still lets the service send (one per acceptance). */
  remaining: number
  updated_at: number
}

/** Subscription messages owed (0021). */
export interface WeChatOutboxTable {
  id: string
  tip_id: string
  subscription_id: string | null
  /** NOTICE_EVENTS: accepted, closed, rejected, message, question. */
  event: string
  event_at: number
  state: 'pending' | 'sending' | 'sent' | 'refused' | 'failed'
  /** Sends tried (each claim counts one). */
  attempts: Generated<number>
  next_attempt_at: number
  /** While sending: until when the claim holds. */
  lease_until: number | null
  /** WeChat's errcode of a refusal. */
  errcode: number | null
  /** Why the last try did not go through (no personal data). */
  last_error: string | null
  created_at: number
  settled_at: number | null
}

export interface Database {
  tips: TipsTable
  idempotency_keys: IdempotencyKeysTable
  uploads: UploadsTable
  photo_chunks: PhotoChunksTable
  staff: StaffTable
  staff_accounts: StaffAccountsTable
  staff_enrolments: StaffEnrolmentsTable
  staff_sessions: StaffSessionsTable
  tip_events: TipEventsTable
  tip_notes: TipNotesTable
  tip_messages: TipMessagesTable
  audit_log: AuditLogTable
  feedback: FeedbackTable
  content_state: ContentStateTable
  content_items: ContentItemsTable
  content_sources: ContentSourcesTable
  contests: ContestsTable
  quiz_participants: QuizParticipantsTable
  quiz_participant_tokens: QuizParticipantTokensTable
  wechat_users: WeChatUsersTable
  wechat_sessions: WeChatSessionsTable
  quiz_attempts: QuizAttemptsTable
  quiz_answers: QuizAnswersTable
  usage_counters: UsageCountersTable
  usage_counter_months: UsageCounterMonthsTable
  wechat_subscriptions: WeChatSubscriptionsTable
  wechat_outbox: WeChatOutboxTable
}
