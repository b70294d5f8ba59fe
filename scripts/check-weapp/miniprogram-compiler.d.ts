// The two entry points of miniprogram-compiler (the official wcc and wcsc binaries) that the check uses.

declare module 'miniprogram-compiler/src/wcc' {
  /** Compiles WXML (paths without extension) and WXS into one script; throws with wcc's message on failure. */
  function wcc(root: string, wxmlPathsWithoutExt: string[], wxsPaths: string[], options?: { cut?: boolean; maxBuffer?: number }): string
  export = wcc
}

declare module 'miniprogram-compiler/src/wcsc' {
  /** Compiles WXSS (paths without extension); returns, not throws, an Error with wcsc's message on failure. */
  function wcsc(root: string, wxssPathsWithoutExt: string[], options?: { maxBuffer?: number }): Record<string, string> | Error
  export = wcsc
}
