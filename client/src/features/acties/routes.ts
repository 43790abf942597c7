/** "Mijn acties" as a lazy route: `lazy: () => import('../features/acties/routes').then((m) => m.mijnActiesRoute)`. */
import { MijnActiesPage, mijnActiesLoader } from './MijnActiesPage';

export const mijnActiesRoute = { loader: mijnActiesLoader, Component: MijnActiesPage };
