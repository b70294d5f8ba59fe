import type { UserConfigExport } from '@tarojs/cli'

// Production builds ship no source maps: they would double the package WeChat measures.
export default {
  mini: { enableSourceMap: false },
  h5: { enableSourceMap: false },
} satisfies UserConfigExport<'webpack5'>
