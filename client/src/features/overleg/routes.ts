/** The overleg pages as lazy routes: `lazy: () => import('../features/overleg/routes').then((m) => m.meetingRoute)`. */
import { MeetingPage } from './MeetingPage';
import { MeetingPlannerPage } from './MeetingPlannerPage';
import { MyMeetingsPage } from './MyMeetingsPage';
import { meetingLoader, myMeetingsLoader, plannerLoader } from './overleg.loaders';

export const plannerRoute = { loader: plannerLoader, Component: MeetingPlannerPage };
export const meetingRoute = { loader: meetingLoader, Component: MeetingPage };
export const myMeetingsRoute = { loader: myMeetingsLoader, Component: MyMeetingsPage };
