import HtmlWebpackPlugin from 'html-webpack-plugin'
import type { Chunk, Compilation, Compiler } from 'webpack'

// Taro's H5 entry loads each page with `import('./pages/home/index')`; the request names the route.
const PAGE_REQUEST = /(?:^|[\\/])((?:pages|packages)[\\/].+[\\/]index)$/

/** The route whose page a chunk group's request loads, such as 'pages/home/index'. */
function routeOf(request: string | null | undefined): string | undefined {
  return PAGE_REQUEST.exec(request ?? '')?.[1]?.replace(/\\/g, '/')
}

/** Whether the chunk is loaded for the page of `route`. */
export function opensPage(chunk: Chunk, route: string): boolean {
  for (const group of chunk.groupsIterable) {
    if (group.origins.some((origin) => routeOf(origin.request) === route)) return true
  }
  return false
}

/**
 * H5 only. Taro's app.js learns which page to show from the URL's hash and only then asks for that
 * page's code: one more round trip, after app.js has downloaded and run, before anything shows. This
 * plugin writes a small inline script at the top of index.html that reads the hash the same way and
 * preloads the page's chunks (JS and CSS) alongside app.js; webpack then finds them already
 * downloaded. The route table is taken from the compilation, so it follows every build. The service
 * allows the inline script by its hash (server/web/static.routes.ts).
 */
export class PreloadFirstPagePlugin {
  constructor(private readonly homeRoute: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.compilation.tap('PreloadFirstPagePlugin', (compilation: Compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap('PreloadFirstPagePlugin', (data) => {
        const publicPath = String(compilation.outputOptions.publicPath ?? '/')
        const initial = new Set<string>()
        for (const entrypoint of compilation.entrypoints.values()) {
          for (const file of entrypoint.getFiles()) initial.add(file)
        }
        const routes: Record<string, string[]> = {}
        for (const group of compilation.chunkGroups) {
          for (const origin of group.origins) {
            const route = routeOf(origin.request)
            if (!route) continue
            const files = group
              .getFiles()
              .filter((file) => !initial.has(file) && /\.(js|css)$/.test(file))
              .map((file) => publicPath + file)
            routes[route] = [...new Set([...(routes[route] ?? []), ...files])].sort()
          }
        }
        const script =
          `(function(){var r=${JSON.stringify(routes)};` +
          `var p=location.hash.replace(/^#\\/?/,'').split('?')[0]||${JSON.stringify(this.homeRoute)};` +
          `var f=r[p]||[];for(var i=0;i<f.length;i++){var l=document.createElement('link');l.rel='preload';` +
          `l.as=/\\.css$/.test(f[i])?'style':'script';l.href=f[i];document.head.appendChild(l)}})()`
        data.headTags.unshift(HtmlWebpackPlugin.createHtmlTagObject('script', {}, script))
        return data
      })
    })
  }
}
