import { Spin } from 'antd'
import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react'

import { navigate, parseRoute, queryOf, useHash, type Route } from './router'
import { homeOf } from './shell/menu'
import { useSession, type SessionState } from './session'

// One chunk per page: the sign-in page must not wait for the pages behind it.
const SignInPage = lazy(() => import('./pages/sign-in').then((module) => ({ default: module.SignInPage })))
const EnrolPage = lazy(() => import('./pages/enrol').then((module) => ({ default: module.EnrolPage })))
const AccountPage = lazy(() => import('./pages/account').then((module) => ({ default: module.AccountPage })))
const ReportsPage = lazy(() => import('./pages/reports').then((module) => ({ default: module.ReportsPage })))
const ReportPage = lazy(() => import('./pages/report').then((module) => ({ default: module.ReportPage })))
const AuditPage = lazy(() => import('./pages/audit').then((module) => ({ default: module.AuditPage })))
const QuestionBankPage = lazy(() => import('./pages/question-bank').then((module) => ({ default: module.QuestionBankPage })))
const FeedbackPage = lazy(() => import('./pages/feedback').then((module) => ({ default: module.FeedbackPage })))
const ContestsPage = lazy(() => import('./pages/contests').then((module) => ({ default: module.ContestsPage })))
const ContestPage = lazy(() => import('./pages/contest').then((module) => ({ default: module.ContestPage })))
const ContestFormPage = lazy(() => import('./pages/contest-form').then((module) => ({ default: module.ContestFormPage })))
const SourcesPage = lazy(() => import('./pages/sources').then((module) => ({ default: module.SourcesPage })))
const FiguresPage = lazy(() => import('./pages/figures').then((module) => ({ default: module.FiguresPage })))
const FiguresPrintPage = lazy(() => import('./pages/figures/print').then((module) => ({ default: module.FiguresPrintPage })))
const NotFoundPage = lazy(() => import('./pages/not-found').then((module) => ({ default: module.NotFoundPage })))
const UnreachablePage = lazy(() => import('./pages/unreachable').then((module) => ({ default: module.UnreachablePage })))

const SESSION_ROUTES = ['account', 'reports', 'report', 'audit', 'contests', 'contest', 'contest-new', 'contest-edit', 'question-bank', 'feedback', 'sources', 'figures', 'figures-print'] as const

type SessionRoute = Extract<Route, { name: (typeof SESSION_ROUTES)[number] }>

function needsSession(route: Route): route is SessionRoute {
  return (SESSION_ROUTES as readonly string[]).includes(route.name)
}

function Waiting() {
  return (
    <div className="console-waiting">
      <Spin size="large" />
    </div>
  )
}

export function ConsoleApp() {
  const hash = useHash()
  const route = parseRoute(hash)
  const { state, recheck } = useSession()
  // Where someone was going when asked to sign in (with the page's filters): they land there after signing in.
  const wanted = useRef<{ route: SessionRoute; query: URLSearchParams }>(undefined)

  useEffect(() => {
    if (state.status === 'signed-out' && (needsSession(route) || route.name === 'home')) {
      if (needsSession(route)) wanted.current = { route, query: queryOf(hash) }
      navigate({ name: 'sign-in' }, { replace: true })
    } else if (state.status === 'signed-in' && (route.name === 'sign-in' || route.name === 'home')) {
      if (wanted.current) navigate(wanted.current.route, { replace: true, query: wanted.current.query })
      else navigate({ name: homeOf(state.staff.role) }, { replace: true })
      wanted.current = undefined
    }
  })

  return <Suspense fallback={<Waiting />}>{page(route, state, recheck)}</Suspense>
}

function page(route: Route, state: SessionState, recheck: () => void): ReactNode {
  // An enrolment link and a wrong address need no session: they do not wait for the check.
  if (route.name === 'enrol') return <EnrolPage code={route.code} />
  if (route.name === 'not-found') return <NotFoundPage />
  if (state.status === 'unreachable') return <UnreachablePage message={state.message} onRetry={recheck} />
  if (route.name === 'sign-in' && state.status === 'signed-out') return <SignInPage />
  if (route.name === 'account' && state.status === 'signed-in') return <AccountPage />
  if (route.name === 'reports' && state.status === 'signed-in') return <ReportsPage />
  if (route.name === 'report' && state.status === 'signed-in') return <ReportPage key={route.id} id={route.id} />
  if (route.name === 'audit' && state.status === 'signed-in') return <AuditPage />
  if (route.name === 'question-bank' && state.status === 'signed-in') return <QuestionBankPage />
  if (route.name === 'feedback' && state.status === 'signed-in') return <FeedbackPage />
  if (route.name === 'contests' && state.status === 'signed-in') return <ContestsPage />
  if (route.name === 'contest' && state.status === 'signed-in') return <ContestPage key={route.id} id={route.id} />
  if (route.name === 'contest-new' && state.status === 'signed-in') return <ContestFormPage key="new" />
  if (route.name === 'contest-edit' && state.status === 'signed-in') return <ContestFormPage key={route.id} id={route.id} />
  if (route.name === 'sources' && state.status === 'signed-in') return <SourcesPage />
  if (route.name === 'figures' && state.status === 'signed-in') return <FiguresPage />
  if (route.name === 'figures-print' && state.status === 'signed-in') return <FiguresPrintPage />
  // Still checking, or about to go where the session says (the effect in ConsoleApp).
  return <Waiting />
}
