import type { Kysely } from 'kysely'

import type { Policy } from '../../src/core/content/model'
import type { Database } from '../db/schema'
import type { ExplainerSummary } from './content-admin.schemas'

export interface StoredExplainer {
  id: string
  source: string
  updatedAt: number
  data: Policy
}

/** An explainer as stored (its model shape, as phones get it); deleted ones are gone. */
export async function findExplainer(db: Kysely<Database>, id: string): Promise<StoredExplainer | undefined> {
  const row = await db
    .selectFrom('content_items')
    .select(['id', 'source', 'data', 'updated_at'])
    .where('id', '=', id)
    .where('type', '=', 'policy')
    .where('deleted', '=', 0)
    .executeTakeFirst()
  return row && { id: row.id, source: row.source, updatedAt: Number(row.updated_at), data: JSON.parse(row.data) as Policy }
}

function summaryOf(id: string, source: string, policy: Policy): ExplainerSummary {
  return {
    id,
    title: policy.title,
    category: policy.category,
    documentNumber: policy.documentNumber ?? null,
    publishedDate: policy.publishedDate ?? null,
    validity: policy.validity ?? null,
    source,
  }
}

/**
 * Explainers whose title or 文号 contains `q` (letters in any case), newest publication first.
 * The titles are inside each item's JSON, so the matching is done here: a bureau has hundreds of
 * explainers, not millions.
 */
export async function searchExplainers(db: Kysely<Database>, q: string | undefined, offset: number, limit: number): Promise<{ items: ExplainerSummary[]; total: number }> {
  const rows = await db.selectFrom('content_items').select(['id', 'source', 'data']).where('type', '=', 'policy').where('deleted', '=', 0).execute()
  const wanted = q?.trim().toLowerCase() ?? ''
  const found = rows
    .map((row) => summaryOf(row.id, row.source, JSON.parse(row.data) as Policy))
    .filter((summary) => wanted === '' || summary.title.toLowerCase().includes(wanted) || (summary.documentNumber?.toLowerCase().includes(wanted) ?? false))
    .sort((a, b) => (b.publishedDate ?? '').localeCompare(a.publishedDate ?? '') || a.title.localeCompare(b.title, 'zh-CN') || a.id.localeCompare(b.id))
  return { items: found.slice(offset, offset + limit), total: found.length }
}
