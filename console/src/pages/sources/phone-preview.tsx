import type { Validity } from '../../../../src/core/content/model'
import { policyFacts } from '../../../../src/core/content/policy-facts'
import type { ExplainerView } from '../../api/content'
import { RichText } from '../../components/rich-text'

const VALIDITY_CLASS: Record<Validity, string> = {
  有效: 'phone-validity phone-validity--valid',
  已修订: 'phone-validity phone-validity--revised',
  已废止: 'phone-validity phone-validity--repealed',
}

/**
 * An explainer as the app's page shows it (src/packages/policy/detail), on a 375×667 screen: the
 * mini program's navigation bar, the heading, the badge and facts, 要点, the body's rich-text
 * nodes, 一问一答 and the original's address, in the app's type sizes (normal or 长辈模式) and colours. The app's own
 * buttons (收藏, 分享, 复制) are left out: they do nothing here.
 */
export function PhonePreview({ explainer, elder }: { explainer: ExplainerView; elder: boolean }) {
  const policy = explainer.data
  return (
    <figure className="phone">
      <div className={elder ? 'phone__screen phone__screen--elder' : 'phone__screen'} tabIndex={0} role="region" aria-label={`手机预览：${policy.title}`}>
        <div className="phone__bar">
          <span className="phone__back" aria-hidden="true">
            ‹
          </span>
          <span className="phone__bar-title">政策详情</span>
        </div>
        <div className="phone-page">
          <h3 className="phone-page__title">{policy.title}</h3>
          <div className="phone-card">
            <div className="phone-detail__status">
              {policy.validity && <span className={VALIDITY_CLASS[policy.validity]}>{policy.validity}</span>}
              <span className="phone-muted">{policy.category}</span>
            </div>
            {policyFacts(policy).map(([label, value]) => (
              <div key={label} className="phone-detail__fact">
                <span className="phone-detail__label">{label}</span>
                <span>{value}</span>
              </div>
            ))}
          </div>
          <div className="phone-card">
            <h4 className="phone-detail__heading">要点</h4>
            <span>{policy.summary}</span>
          </div>
          <div className="phone-card">
            <h4 className="phone-detail__heading">解读</h4>
            <div className="phone-detail__body">
              <RichText nodes={policy.body} />
            </div>
          </div>
          {policy.qa.length > 0 && (
            <div className="phone-card">
              <h4 className="phone-detail__heading">一问一答</h4>
              {policy.qa.map((pair) => (
                <div key={pair.question} className="phone-detail__qa">
                  <span className="phone-detail__question">问：{pair.question}</span>
                  <span>答：{pair.answer}</span>
                </div>
              ))}
            </div>
          )}
          {policy.sourceUrl && (
            <div className="phone-card">
              <h4 className="phone-detail__heading">原文</h4>
              <span className="phone-muted phone-detail__url">{policy.sourceUrl}</span>
            </div>
          )}
        </div>
      </div>
      <figcaption className="phone__caption">手机上的样子（375×667，{elder ? '长辈模式' : '普通字号'}）；收藏、分享等按钮不在预览中显示。</figcaption>
    </figure>
  )
}
