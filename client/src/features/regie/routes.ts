/** "Regie op regie" as a lazy route: `lazy: () => import('../features/regie/routes').then((m) => m.regieOpRegieRoute)`. */
import { RegieOpRegiePage, regieOpRegieLoader } from './RegieOpRegiePage';

export const regieOpRegieRoute = { loader: regieOpRegieLoader, Component: RegieOpRegiePage };
