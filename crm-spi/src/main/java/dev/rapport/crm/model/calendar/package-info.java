/**
 * Business calendars and exact business-time arithmetic: {@link
 * dev.rapport.crm.model.calendar.BusinessCalendar} (a time zone, weekly opening hours, holidays)
 * answers whether an instant is open, how much open time lies between two instants, and when a
 * given amount of open time has elapsed, exactly to the nanosecond through daylight saving
 * changes. Service-level targets "in business time" are computed with it; targets "in calendar
 * time" need nothing of it ({@code Instant.plus(Duration)}). Every type is immutable and
 * thread-safe.
 *
 * @since 0.3
 */
@NullMarked
package dev.rapport.crm.model.calendar;

import org.jspecify.annotations.NullMarked;
