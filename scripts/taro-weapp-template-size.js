// Taro plugin: Taro's WeChat template (base.wxml, in the main package) carries a few components whether or
// not the code uses them. scroll-view is one, nested four levels deep: 9 KB for a component no page of ours
// draws. This takes it off Taro's default list; the build puts it back by itself as soon as any code
// imports ScrollView from @tarojs/components (its TaroComponentsExportsPlugin adds what is imported).
const NEVER_ASSUMED = ['scroll-view']

module.exports = (ctx) => {
  ctx.onBuildStart(() => {
    if (process.env.TARO_ENV !== 'weapp') return
    const { componentConfig } = require('@tarojs/webpack5-runner/dist/utils/component')
    for (const name of NEVER_ASSUMED) componentConfig.includes.delete(name)
  })
}
