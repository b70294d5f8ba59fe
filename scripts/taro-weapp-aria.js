// Taro plugin: WeChat's screen reader reads aria-role, aria-label, aria-hidden, aria-checked and
// aria-level, but Taro's generated templates (base.wxml) pass none of them on. This adds them to
// the templates of the components we label (see src/components/a11y.weapp.ts), and the name to
// text inputs (src/components/form-field/control.weapp.ts). The runtime side,
// src/platform-setup.weapp.ts, lists the same attributes; `npm run check:weapp` fails when an
// attribute is sent that no template binds.
const ARIA_ATTRIBUTES = {
  'aria-role': "''",
  'aria-label': "''",
  'aria-hidden': 'false',
  'aria-checked': "''",
  'aria-level': "''",
}
const CONTROL_ARIA_ATTRIBUTES = {
  'aria-label': "''",
}

module.exports = (ctx) => {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      if (platform.platform !== 'weapp') return
      platform.template.mergeComponents(ctx, {
        View: ARIA_ATTRIBUTES,
        Text: ARIA_ATTRIBUTES,
        Button: ARIA_ATTRIBUTES,
        Input: CONTROL_ARIA_ATTRIBUTES,
        Textarea: CONTROL_ARIA_ATTRIBUTES,
      })
    },
  })
}
