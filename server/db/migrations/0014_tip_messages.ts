import { sql, type Migration } from 'kysely'

/**
 * The conversation between staff and the reporter about a report (server/conversation/): staff
 * send messages and questions, the reporter replies in words and photos. The body is personal data,
 * stored encrypted (field-crypto, AAD {table: 'tip_messages', rowId: id, column: 'body'}). A reply's
 * photos are uploads attached to the report (tip_id) and to the reply (message_id). The report
 * counts the replies staff have not read yet and remembers when the last one came.
 */
export const tipMessages: Migration = {
  async up(db) {
    await db.schema
      .createTable('tip_messages')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('tip_id', 'text', (column) => column.notNull().references('tips.id'))
      .addColumn('author', 'text', (column) => column.notNull())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('body', 'text', (column) => column.notNull())
      // Staff messages name who sent them; the reporter is nobody in particular.
      .addColumn('staff_id', 'text', (column) => column.references('staff.id'))
      // The app's id of a reply, made once and sent with every attempt: a retry finds the reply it made.
      .addColumn('client_id', 'text')
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      // A reporter's reply: when staff first saw it.
      .addColumn('read_at', 'bigint')
      .addCheckConstraint(
        'tip_messages_author_kind',
        sql`(author = 'staff' and kind in ('message', 'question') and client_id is null) or (author = 'reporter' and kind = 'reply' and staff_id is null and client_id is not null)`,
      )
      .execute()
    await db.schema.createIndex('tip_messages_tip_idx').on('tip_messages').columns(['tip_id', 'created_at']).execute()
    await db.schema.createIndex('tip_messages_client_idx').on('tip_messages').columns(['tip_id', 'client_id']).unique().execute()

    await db.schema.alterTable('uploads').addColumn('message_id', 'text', (column) => column.references('tip_messages.id')).execute()
    await db.schema.createIndex('uploads_message_idx').on('uploads').column('message_id').execute()

    await db.schema.alterTable('tips').addColumn('unread_replies', 'integer', (column) => column.notNull().defaultTo(0)).execute()
    // Epoch ms, like every timestamp here (bigint: an INTEGER of PostgreSQL is too small for it).
    await db.schema.alterTable('tips').addColumn('last_reply_at', 'bigint').execute()
  },
}
