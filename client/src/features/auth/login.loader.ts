import { redirect } from 'react-router-dom';
import { me } from '../../api/auth';
import { safeReturnPath } from '../../app/session';

/** Someone who is logged in already goes straight on. */
export async function loginLoader({ request }: { request: Request }): Promise<null> {
  const loggedIn = await me().then(
    () => true,
    () => false,
  );
  if (loggedIn) throw redirect(safeReturnPath(new URL(request.url).searchParams.get('terug')));
  return null;
}
