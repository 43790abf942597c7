import { getHousehold } from '../../api/households';
import { authed } from '../../app/session';
import { getMeeting, myMeetings } from './overleg-api';

export const meetingLoader = authed(async ({ params }) => {
  const [meeting, household] = await Promise.all([
    getMeeting(params.id ?? '', params.meetingId ?? ''),
    getHousehold(params.id ?? ''),
  ]);
  return { meeting, household };
});

export const plannerLoader = authed(({ params }) => getHousehold(params.id ?? ''));

export const myMeetingsLoader = authed(() => myMeetings('all'));
