import type { Migration } from 'kysely'

// The reporter's rating of a closed report (满意 / 基本满意 / 不满意, optional words), given once.
export const addTipRating: Migration = {
  async up(db) {
    await db.schema.alterTable('tips').addColumn('rating', 'text').execute()
    await db.schema.alterTable('tips').addColumn('rating_comment', 'text').execute()
    await db.schema.alterTable('tips').addColumn('rated_at', 'bigint').execute()
  },
}
