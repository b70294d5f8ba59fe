export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/policies/index',
    'pages/quiz/index',
    'pages/report/index',
    'pages/me/index',
  ],
  subPackages: [
    { root: 'packages/policy', name: 'policy', pages: ['detail/index', 'holidays/index', 'search/index'] },
    { root: 'packages/quiz', name: 'quiz', pages: ['practice/index', 'mistakes/index', 'report-question/index', 'contest/index', 'contest-play/index', 'contest-result/index', 'contest-stats/index'] },
    { root: 'packages/report', name: 'report', pages: ['guide/index', 'form/index', 'receipt/index', 'mine/index', 'status/index'] },
    { root: 'packages/me', name: 'me', pages: ['favourites/index', 'history/index', 'feedback/index', 'privacy/index', 'about/index'] },
  ],
  preloadRule: {
    'pages/policies/index': { network: 'all', packages: ['policy'] },
    'pages/quiz/index': { network: 'all', packages: ['quiz'] },
    'pages/report/index': { network: 'all', packages: ['report'] },
    'pages/me/index': { network: 'all', packages: ['me'] },
  },
  lazyCodeLoading: 'requiredComponents',
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#b3261e',
    navigationBarTitleText: '法治人社',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
  },
  tabBar: {
    // WeChat: drawn by src/custom-tab-bar (larger in elder mode), with this list as its fallback;
    // Taro's H5 would draw no tab bar at all for a custom one, so H5 keeps its own.
    custom: process.env.TARO_ENV === 'weapp',
    color: '#4d4d4d',
    selectedColor: '#b3261e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/policies/index', text: '政策', iconPath: 'assets/tab/policies.png', selectedIconPath: 'assets/tab/policies-active.png' },
      { pagePath: 'pages/quiz/index', text: '答题', iconPath: 'assets/tab/quiz.png', selectedIconPath: 'assets/tab/quiz-active.png' },
      { pagePath: 'pages/report/index', text: '反映', iconPath: 'assets/tab/report.png', selectedIconPath: 'assets/tab/report-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
})
