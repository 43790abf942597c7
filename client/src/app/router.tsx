import { createBrowserRouter } from 'react-router-dom';
import { LoginPage } from '../features/auth/LoginPage';
import { loginLoader } from '../features/auth/login.loader';
import { HouseholdPage } from '../features/households/HouseholdPage';
import { householdLoader } from '../features/households/households.loaders';
import { Home, homeLoader } from '../features/mijn-plan/home';
import { AppLayout } from './AppLayout';
import { NotFoundPage, RootError, RouteError } from './RouteError';
import { APP_ROUTE_ID, appLoader, coordinatorsOnly, professionalsOnly, staffOnly } from './session';

export const router = createBrowserRouter([
  { path: '/inloggen', element: <LoginPage />, loader: loginLoader, errorElement: <RootError /> },
  {
    path: '/wachtwoord-vergeten',
    errorElement: <RootError />,
    lazy: () =>
      import('../features/account/PasswordForgottenPage').then((m) => ({
        Component: m.PasswordForgottenPage,
      })),
  },
  {
    path: '/wachtwoord-instellen',
    errorElement: <RootError />,
    lazy: () =>
      import('../features/account/SetPasswordPage').then((m) => ({
        Component: () => <m.SetPasswordPage kind="account" />,
      })),
  },
  {
    path: '/activeren',
    errorElement: <RootError />,
    lazy: () =>
      import('../features/account/SetPasswordPage').then((m) => ({
        Component: () => <m.SetPasswordPage kind="household" />,
      })),
  },
  {
    path: '/tweede-stap',
    errorElement: <RootError />,
    lazy: () =>
      import('../features/account/SecondStepPage').then((m) => ({ Component: m.SecondStepPage })),
  },
  {
    id: APP_ROUTE_ID,
    path: '/',
    loader: appLoader,
    element: <AppLayout />,
    errorElement: <RootError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, loader: homeLoader, element: <Home /> },
          // Pages for professionals send the inwoner and naasten to Mijn plan (see professionalsOnly).
          {
            path: 'huishoudens/:id',
            loader: professionalsOnly(householdLoader),
            element: <HouseholdPage />,
          },
          {
            path: 'dashboard',
            lazy: () =>
              import('../features/kpi/DashboardPage').then((m) => ({
                Component: m.DashboardPage,
                loader: professionalsOnly(() => null),
              })),
          },
          {
            path: 'huishoudens/:id/overleg/plannen',
            lazy: () =>
              import('../features/overleg/routes').then((m) => ({
                ...m.plannerRoute,
                loader: professionalsOnly(m.plannerRoute.loader),
              })),
          },
          {
            path: 'huishoudens/:id/overleg/:meetingId',
            lazy: () => import('../features/overleg/routes').then((m) => m.meetingRoute),
          },
          {
            path: 'mijn-overleggen',
            lazy: () => import('../features/overleg/routes').then((m) => m.myMeetingsRoute),
          },
          {
            path: 'mijn-acties',
            lazy: () =>
              import('../features/acties/routes').then((m) => ({
                ...m.mijnActiesRoute,
                loader: professionalsOnly(m.mijnActiesRoute.loader),
              })),
          },
          {
            path: 'regie',
            lazy: () =>
              import('../features/regie/routes').then((m) => ({
                ...m.regieOpRegieRoute,
                loader: professionalsOnly(m.regieOpRegieRoute.loader),
              })),
          },
          {
            path: 'account',
            lazy: () =>
              import('../features/account/AccountPage').then((m) => ({ Component: m.AccountPage })),
          },
          {
            path: 'beheer',
            lazy: () =>
              import('../features/beheer/BeheerPage').then((m) => ({
                Component: m.BeheerPage,
                loader: staffOnly,
              })),
          },
          {
            path: 'huishoudens/nieuw',
            lazy: () =>
              import('../features/aanmelding/AanmeldingPage').then((m) => ({
                Component: m.AanmeldingPage,
                loader: coordinatorsOnly,
              })),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
