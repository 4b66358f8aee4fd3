/** The county's calendar (CALENDAR_UTC_OFFSET_MINUTES, in the platform's configuration). */
export { CountyCalendar as Calendar } from '@tongxin/service-platform';
