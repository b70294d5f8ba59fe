import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'
import { version } from '../package.json'
import type { Chunk } from 'webpack'
import { opensPage, PreloadFirstPagePlugin } from './h5-preload'

const HOME_PAGE = 'pages/home/index'

// Each platform builds into its own folder; project.config.json points WeChat DevTools at dist/weapp.
const outputRoot = `dist/${process.env.TARO_ENV ?? 'weapp'}`

// Where the WeChat build sends API requests; the H5 build always uses the origin that served it.
const apiBase = process.env.TARO_ENV === 'h5' ? '' : process.env.TARO_APP_API_BASE ?? 'http://127.0.0.1:3000'

export default defineConfig<'webpack5'>(async (merge) => {
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'pufa',
    date: '2026-11-28',
    // NutUI is drawn at 375px wide, our own styles at 750.
    designWidth(input) {
      const file = (input as { file?: string } | undefined)?.file?.replace(/\\+/g, '/')
      return file?.includes('@nutui') ? 375 : 750
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot,
    plugins: [require.resolve('../scripts/taro-weapp-aria.js'), require.resolve('../scripts/taro-weapp-template-size.js')],
    defineConstants: { API_BASE: JSON.stringify(apiBase), APP_VERSION: JSON.stringify(version) },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    // Nodes deeper than this are drawn through Taro's recursive `comp` component instead of one more copy of
    // every template in base.wxml (16 copies cost 54 KB of the main package); check:weapp's renders of our pages are at most 7 deep.
    baseLevel: 8,
    // Taro's WeChat build asks terser for \uXXXX escapes (6 bytes a Chinese character, 3 in UTF-8, which WeChat
    // reads) and turns off most of its compression; these are terser's own defaults, as for the H5 build.
    terser: {
      enable: true,
      config: {
        compress: {
          arrows: true, collapse_vars: true, comparisons: true, computed_props: true, hoist_props: true, inline: true,
          loops: true, negate_iife: true, properties: true, reduce_funcs: true, reduce_vars: true, switches: true, typeofs: true,
        },
        output: { ascii_only: false },
      },
    },
    mini: {
      // Import order between NutUI's and our stylesheets does not matter: ours only set variables and classes.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
        // Only the NutUI Button variants and icon rules our pages can produce (see the file).
        './scripts/postcss-nutui-used.js': { enable: true },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      router: { mode: 'hash' },
      // webpack's generic 244 KiB hint says nothing useful here; `npm run bench:first-load` measures
      // what a phone really downloads.
      webpackChain(chain) {
        chain.performance.hints(false)
        // Taro splits only what app.js loads; each page's chunk then carried its own copy of what pages
        // share (Taro's component wrappers first). Shared by three pages or more and 30 KB or more, it
        // goes into a chunk of its own, fetched once: opening every page once after the home page
        // fetches 278 KB instead of 532 KB (gzip). The home page, which a first visit waits for, keeps
        // all its code in its own chunk (one file to fetch, not three).
        chain.optimization.merge({
          splitChunks: {
            cacheGroups: {
              sharedByPages: { chunks: (chunk: Chunk) => !opensPage(chunk, HOME_PAGE), minChunks: 3, minSize: 30000, priority: -5, reuseExistingChunk: true },
            },
          },
        })
        // Preloads the chunks of the page the URL names, alongside app.js (see config/h5-preload.ts).
        chain.plugin('preload-first-page').use(PreloadFirstPagePlugin, [HOME_PAGE])
        // Polyfills and JSONP that Taro's request API carries and no browser we target needs (see the files).
        chain.resolve.alias
          .set('whatwg-fetch$', path.resolve(__dirname, 'h5-modules/native-already.js'))
          .set('abortcontroller-polyfill/dist/abortcontroller-polyfill-only$', path.resolve(__dirname, 'h5-modules/native-already.js'))
          .set('jsonp-retry$', path.resolve(__dirname, 'h5-modules/no-jsonp.js'))
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  }
  return merge({}, base, process.env.NODE_ENV === 'development' ? devConfig : prodConfig)
})
