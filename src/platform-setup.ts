/** Start-up work that only one platform needs; see platform-setup.h5.ts. WeChat needs none. */
export function setUpPlatform(): void {}
