import type { UserConfigExport } from '@tarojs/cli'

// `taro build --watch` during development: readable output with source maps.
export default {
  mini: { enableSourceMap: true },
  h5: { enableSourceMap: true },
} satisfies UserConfigExport<'webpack5'>
