// Package keydate computes the occurrences of customers' yearly key dates —
// birthdays, anniversaries, contract renewals and festivals — in either the
// Gregorian or the Chinese lunar calendar, so that reminders can be scheduled.
//
// The package is pure: no I/O, no clock, no global mutable state. All dates
// are civil dates (year, month, day); callers choose the time zone in which a
// date is "today" by passing a *time.Location.
package keydate

import (
	"fmt"
	"time"
)

// Calendar identifies the calendar a Recurrence is expressed in. The string
// values are stable because they are stored in the database and sent over the
// API.
type Calendar string

// The supported calendars.
const (
	// Gregorian is the civil (solar) calendar.
	Gregorian Calendar = "GREGORIAN"
	// Lunar is the traditional Chinese lunisolar calendar (农历), whose
	// dates move against the Gregorian calendar every year.
	Lunar Calendar = "LUNAR"
)

// Recurrence describes a yearly date: in the Gregorian calendar (Month 1-12,
// Day 1-31) or the Chinese lunar calendar (Month 1-12, Day 1-30; leap months
// are ignored: the regular month is used).
//
// Dates that do not exist in a given year are moved back to the last day of
// the month rather than skipped, so a customer never silently loses a
// reminder: Gregorian Feb 29 falls on Feb 28 in non-leap years, and lunar day
// 30 falls on day 29 in a 29-day ("small") month.
type Recurrence struct {
	// Calendar is Gregorian or Lunar.
	Calendar Calendar
	// Month is 1–12 in either calendar.
	Month int
	// Day is 1–31 (and valid for Month in a leap year) for Gregorian,
	// 1–30 for Lunar.
	Day int
}

// ValidationError reports which field of a Recurrence (or of a lunar date
// passed to LunarToSolar) is invalid, so that API layers can attach the
// message to the right input.
type ValidationError struct {
	// Field is "calendar", "month" or "day" (and "leap" from LunarToSolar).
	Field string
	// Reason is a human-readable explanation.
	Reason string
}

// Error implements the error interface.
func (e *ValidationError) Error() string {
	return fmt.Sprintf("keydate: invalid %s: %s", e.Field, e.Reason)
}

// gregorianMaxDay is the longest each Gregorian month can be (February in a
// leap year), used to reject dates such as April 31 that never occur.
var gregorianMaxDay = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// Validate checks the recurrence and returns a *ValidationError naming the
// first bad field ("calendar", then "month", then "day"), or nil.
//
// Gregorian days must exist in the month in at least some year: Feb 29 is
// accepted (it is a real birthday), but Feb 30 or Apr 31 are rejected since
// they would be typos rather than dates. Lunar days may be 1–30 in every
// month because month lengths vary from year to year.
func (r Recurrence) Validate() error {
	switch r.Calendar {
	case Gregorian, Lunar:
	default:
		return &ValidationError{Field: "calendar", Reason: fmt.Sprintf("must be %q or %q, got %q", Gregorian, Lunar, string(r.Calendar))}
	}
	if r.Month < 1 || r.Month > 12 {
		return &ValidationError{Field: "month", Reason: fmt.Sprintf("must be between 1 and 12, got %d", r.Month)}
	}
	maxDay := 30
	if r.Calendar == Gregorian {
		maxDay = gregorianMaxDay[r.Month]
	}
	if r.Day < 1 || r.Day > maxDay {
		return &ValidationError{Field: "day", Reason: fmt.Sprintf("must be between 1 and %d for month %d, got %d", maxDay, r.Month, r.Day)}
	}
	return nil
}

// Next returns the first occurrence on or after the date `from` (a civil
// date; only Y/M/D of from in loc matter), as a civil date at 00:00 in loc.
// A nil loc means UTC.
//
// It returns the recurrence's *ValidationError if it is invalid, and an error
// wrapping ErrOutOfRange when a lunar occurrence would fall outside the lunar
// table (lunar years 1900–2100).
func (r Recurrence) Next(from time.Time, loc *time.Location) (time.Time, error) {
	if err := r.Validate(); err != nil {
		return time.Time{}, err
	}
	loc = orUTC(loc)
	y, m, d := from.In(loc).Date()
	n, err := r.nextDay(dayNumber(y, m, d))
	if err != nil {
		return time.Time{}, err
	}
	return atMidnight(n, loc), nil
}

// Between lists occurrences in [from, to] (inclusive), at most one per year,
// in ascending order, each as a civil date at 00:00 in loc (nil means UTC).
// As with Next, only the Y/M/D of from and to in loc matter.
//
// "Year" is the recurrence's own year: a lunar date yields one occurrence per
// lunar year, so a late lunar month (11th/12th) can occasionally land twice
// in one Gregorian year — both are real dates an agent should be reminded of.
// An invalid recurrence or an empty range yields nil; the list stops quietly
// at the end of the supported lunar range.
func (r Recurrence) Between(from, to time.Time, loc *time.Location) []time.Time {
	if r.Validate() != nil {
		return nil
	}
	loc = orUTC(loc)
	fy, fm, fd := from.In(loc).Date()
	ty, tm, td := to.In(loc).Date()
	start, end := dayNumber(fy, fm, fd), dayNumber(ty, tm, td)

	var out []time.Time
	for n := start; n <= end; {
		occ, err := r.nextDay(n)
		if err != nil || occ > end {
			break
		}
		out = append(out, atMidnight(occ, loc))
		// Consecutive occurrences are ≥ 353 days apart, so continuing from
		// the next day can never return the same occurrence twice.
		n = occ + 1
	}
	return out
}

// nextDay returns the day number of the first occurrence on or after day
// number n. r must be valid.
func (r Recurrence) nextDay(n int) (int, error) {
	if r.Calendar == Gregorian {
		y, _, _ := civilFromDayNumber(n)
		// This year's occurrence, or else next year's (which is always > n).
		if occ := r.gregorianIn(y); occ >= n {
			return occ, nil
		}
		return r.gregorianIn(y + 1), nil
	}

	// An occurrence in lunar year L lies inside lunar year L, so the answer
	// is in the lunar year containing n or the one after it. Starting from
	// the lunar year (not the Gregorian one) matters for months 11–12, which
	// fall in January/February of the following Gregorian year.
	ly, _, _, _, err := lunarFromDayNumber(n)
	if err != nil {
		return 0, err
	}
	for l := ly; l <= ly+1; l++ {
		occ, err := r.lunarIn(l)
		if err != nil {
			return 0, err
		}
		if occ >= n {
			return occ, nil
		}
	}
	// Unreachable: lunar year ly+1 starts after n.
	return 0, fmt.Errorf("keydate: internal error finding next occurrence")
}

// gregorianIn returns the day number of the occurrence in Gregorian year y,
// moving days that do not exist that year (Feb 29) to the month's last day.
func (r Recurrence) gregorianIn(y int) int {
	m := time.Month(r.Month)
	d := min(r.Day, daysInGregorianMonth(y, m))
	return dayNumber(y, m, d)
}

// lunarIn returns the day number of the occurrence in lunar year y. The
// regular month is always used, never its leap twin, because customers and
// festivals celebrate the regular month; day 30 becomes 29 in a small month.
func (r Recurrence) lunarIn(y int) (int, error) {
	if y < MinLunarYear || y > MaxLunarYear {
		return 0, fmt.Errorf("%w: lunar year %d", ErrOutOfRange, y)
	}
	d := min(r.Day, lunarMonthDays(y, r.Month))
	t, err := LunarToSolar(y, r.Month, d, false)
	if err != nil {
		return 0, err
	}
	ty, tm, td := t.Date()
	return dayNumber(ty, tm, td), nil
}

// daysInGregorianMonth returns the number of days of month m in year y.
func daysInGregorianMonth(y int, m time.Month) int {
	// Day 0 of the following month normalises to the last day of m.
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// atMidnight turns a day number into 00:00 of that civil date in loc. In the
// rare zones whose DST change skips midnight, time.Date moves the clock
// forward but keeps the same civil date, which is what matters here.
func atMidnight(n int, loc *time.Location) time.Time {
	y, m, d := civilFromDayNumber(n)
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// orUTC defaults a nil location to UTC rather than panicking.
func orUTC(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

// Festivals returns the well-known festivals as Recurrences keyed by a stable
// code: "SPRING_FESTIVAL", "LANTERN", "DRAGON_BOAT", "QIXI", "MID_AUTUMN",
// "DOUBLE_NINTH", "LABA", plus Gregorian "NEW_YEAR" (1/1), "VALENTINES"
// (2/14), "CHRISTMAS" (12/25).
//
// The codes are persisted and used by clients, so they must never change. A
// new map is built on every call so callers may modify it freely.
func Festivals() map[string]Recurrence {
	return map[string]Recurrence{
		"SPRING_FESTIVAL": {Calendar: Lunar, Month: 1, Day: 1},  // 春节
		"LANTERN":         {Calendar: Lunar, Month: 1, Day: 15}, // 元宵
		"DRAGON_BOAT":     {Calendar: Lunar, Month: 5, Day: 5},  // 端午
		"QIXI":            {Calendar: Lunar, Month: 7, Day: 7},  // 七夕
		"MID_AUTUMN":      {Calendar: Lunar, Month: 8, Day: 15}, // 中秋
		"DOUBLE_NINTH":    {Calendar: Lunar, Month: 9, Day: 9},  // 重阳
		"LABA":            {Calendar: Lunar, Month: 12, Day: 8}, // 腊八
		"NEW_YEAR":        {Calendar: Gregorian, Month: 1, Day: 1},
		"VALENTINES":      {Calendar: Gregorian, Month: 2, Day: 14},
		"CHRISTMAS":       {Calendar: Gregorian, Month: 12, Day: 25},
	}
}
