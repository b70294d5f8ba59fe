import { Pagination, Spin } from 'antd'
import type { ReactNode } from 'react'

export interface Column<T> {
  key: string
  title: string
  /** Width in px; the columns without one share what is left. */
  width?: number
  align?: 'left' | 'right' | 'center'
  render(item: T): ReactNode
}

export interface Paging {
  page: number
  pageSize: number
  total: number
  pageSizes: readonly number[]
  onChange(page: number, pageSize: number): void
}

/** The paging of a list whose page and page size live in the address: a new page size starts at page 1. */
export function pagingOf<S extends { page: number; pageSize: number }>(state: S, total: number, pageSizes: readonly number[], show: (state: S) => void): Paging {
  return {
    page: state.page,
    pageSize: state.pageSize,
    total,
    pageSizes,
    onChange: (page, pageSize) => show({ ...state, page: pageSize === state.pageSize ? page : 1, pageSize }),
  }
}

/**
 * A list as a plain table, a page at a time (the service pages it). Not antd's Table: on every mount
 * it measures the scroll bar with a <style> element that has no nonce, which the console's CSP
 * refuses (react-component/util#613, still open).
 */
export function DataTable<T extends { id: string }>({
  caption,
  columns,
  items,
  loading,
  empty,
  paging,
}: {
  /** What the table lists, for screen readers. */
  caption: string
  columns: readonly Column<T>[]
  items: readonly T[]
  loading: boolean
  empty: ReactNode
  /** Left out for a short list shown whole. */
  paging?: Paging
}) {
  return (
    <div className="console-table">
      <Spin spinning={loading} description="正在载入">
        <table className="console-data-table" aria-busy={loading}>
          <caption className="console-visually-hidden">{caption}</caption>
          <colgroup>
            {columns.map((column) => (
              // A style property set from script (CSSOM), which the CSP allows, unlike a style attribute in HTML.
              <col key={column.key} style={column.width ? { width: column.width } : undefined} />
            ))}
          </colgroup>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.key} scope="col" className={column.align ? `console-align-${column.align}` : undefined}>
                  {column.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="console-data-table__empty">
                  {loading ? null : empty}
                </td>
              </tr>
            ) : (
              items.map((item) => (
                <tr key={item.id} className="console-data-table__row">
                  {columns.map((column) => (
                    <td key={column.key} className={column.align ? `console-align-${column.align}` : undefined}>
                      {column.render(item)}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </Spin>
      {paging && (
        <Pagination
          className="console-pagination"
          align="end"
          current={paging.page}
          pageSize={paging.pageSize}
          total={paging.total}
          showSizeChanger
          pageSizeOptions={[...paging.pageSizes]}
          showTotal={(count) => `共 ${count} 条`}
          onChange={paging.onChange}
        />
      )}
    </div>
  )
}
