// WeChat: the start-up work that can wait comes with app.js, as before; see background-work.h5.ts.
export { sendUsageCounts, startBackgroundWork } from './services/background-work'
