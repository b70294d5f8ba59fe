import { Button, Card, Image, Space } from 'antd'
import { useState } from 'react'

import { evidenceUrl } from '../../api/reports'

/**
 * Photos as thumbnails (buttons, so the keyboard opens them too) and one viewer for all of them,
 * with zoom and rotation (antd Image preview: its transforms are React style props, which the CSP
 * allows), and its controls named in words.
 */
export function PhotoGallery({ reportId, photos, label }: { reportId: string; photos: readonly { uploadId: string }[]; label: string }) {
  const [open, setOpen] = useState(false)
  const [current, setCurrent] = useState(0)
  const sources = photos.map((photo) => evidenceUrl(reportId, photo.uploadId))

  return (
    <div className="report-photos">
      {sources.map((source, index) => (
        <button
          key={source}
          type="button"
          className="report-photos__thumb"
          aria-label={`查看${label}第 ${index + 1} 张（共 ${sources.length} 张）`}
          onClick={() => {
            setCurrent(index)
            setOpen(true)
          }}
        >
          <img src={source} alt="" loading="lazy" />
        </button>
      ))}
      <Image.PreviewGroup
        items={sources.map((src, index) => ({ src, alt: `${label}第 ${index + 1} 张` }))}
        preview={{
          open,
          current,
          alt: `${label}第 ${current + 1} 张`,
          // Not document.body: antd then writes no scroll-lock <style> element, which has no nonce and the CSP refuses.
          getContainer: () => document.getElementById('root') ?? document.body,
          // Our toolbar says where we are, in words; antd's own side arrows are hidden (console.css).
          countRender: () => null,
          onOpenChange: (value) => setOpen(value),
          onChange: (index) => setCurrent(index),
          closeIcon: <span className="report-viewer__close">关闭</span>,
          actionsRender: (_original, { actions, transform, current: shown, total }) => (
            <Space className="report-viewer__actions" wrap>
              <span className="report-viewer__count" aria-live="polite">
                第 {shown + 1} 张，共 {total} 张；放大 {Math.round(transform.scale * 100)}%
              </span>
              {total > 1 && (
                <>
                  <Button onClick={() => actions.onActive(-1)} disabled={shown === 0}>
                    上一张
                  </Button>
                  <Button onClick={() => actions.onActive(1)} disabled={shown === total - 1}>
                    下一张
                  </Button>
                </>
              )}
              <Button onClick={actions.onZoomIn}>放大</Button>
              <Button onClick={actions.onZoomOut}>缩小</Button>
              <Button onClick={actions.onRotateLeft}>向左旋转</Button>
              <Button onClick={actions.onRotateRight}>向右旋转</Button>
              <Button onClick={actions.onReset}>还原</Button>
            </Space>
          ),
        }}
      />
    </div>
  )
}

/** The photos sent with the report. */
export function EvidencePhotos({ reportId, photos }: { reportId: string; photos: readonly { uploadId: string }[] }) {
  return (
    <Card title={<h2 className="console-card-title">证据照片</h2>}>
      {photos.length === 0 ? <p className="report-empty">反映人没有提交照片。</p> : <PhotoGallery reportId={reportId} photos={photos} label="证据照片" />}
    </Card>
  )
}
