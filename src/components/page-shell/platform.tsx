/**
 * What PageShell does on one platform only; this default is WeChat's, which needs neither: its
 * navigation bar has the way back and home, and its tab bar is its own (platform.h5.tsx for H5).
 */
export function InnerPageNav(): null {
  return null
}

export function useElderRootClass(_elder: boolean): void {}
