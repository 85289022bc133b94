package keydate

import (
	"errors"
	"fmt"
	"sort"
	"time"
)

// MinLunarYear and MaxLunarYear bound the lunar years the conversion table
// covers. Lunar year 1900 starts on 1900-01-31 and lunar year 2100 ends in
// late January 2101, so that is the Gregorian span the lunar functions accept.
const (
	MinLunarYear = 1900
	MaxLunarYear = 2100
)

// ErrOutOfRange is wrapped by every error caused by a date outside the lunar
// table (lunar years MinLunarYear–MaxLunarYear). Callers can test it with
// errors.Is to tell "we cannot compute this" apart from bad input.
var ErrOutOfRange = errors.New("keydate: date outside supported lunar range 1900-2100")

// lunarInfo is the classic compact Chinese-calendar table, one entry per
// lunar year from 1900 to 2100:
//
//	bits 0-3   leap month number (0 = the year has no leap month)
//	bits 4-15  lengths of regular months 1..12, month 1 in bit 15:
//	           1 = 30 days ("big" month), 0 = 29 days
//	bit  16    length of the leap month: 1 = 30 days, 0 = 29 days
//
// The values were checked entry by entry against an independent astronomical
// computation (the 寿星 new-moon / solar-term algorithm), not just copied:
// several circulating copies of this table carry typos (e.g. for 1933, 1954,
// 1956, 1978, 1996, 2033, 2097), and a single wrong bit shifts every later
// date of that year by a day. Tests pin many real dates to guard it.
var lunarInfo = [...]uint32{
	0x04bd8, 0x04ae0, 0x0a570, 0x054d5, 0x0d260, 0x0d950, 0x16554, 0x056a0, 0x09ad0, 0x055d2, // 1900-1909
	0x04ae0, 0x0a5b6, 0x0a4d0, 0x0d250, 0x1d255, 0x0b540, 0x0d6a0, 0x0ada2, 0x095b0, 0x14977, // 1910-1919
	0x04970, 0x0a4b0, 0x0b4b5, 0x06a50, 0x06d40, 0x1ab54, 0x02b60, 0x09570, 0x052f2, 0x04970, // 1920-1929
	0x06566, 0x0d4a0, 0x0ea50, 0x16a95, 0x05ad0, 0x02b60, 0x186e3, 0x092e0, 0x1c8d7, 0x0c950, // 1930-1939
	0x0d4a0, 0x1d8a6, 0x0b550, 0x056a0, 0x1a5b4, 0x025d0, 0x092d0, 0x0d2b2, 0x0a950, 0x0b557, // 1940-1949
	0x06ca0, 0x0b550, 0x15355, 0x04da0, 0x0a5b0, 0x14573, 0x052b0, 0x0a9a8, 0x0e950, 0x06aa0, // 1950-1959
	0x0aea6, 0x0ab50, 0x04b60, 0x0aae4, 0x0a570, 0x05260, 0x0f263, 0x0d950, 0x05b57, 0x056a0, // 1960-1969
	0x096d0, 0x04dd5, 0x04ad0, 0x0a4d0, 0x0d4d4, 0x0d250, 0x0d558, 0x0b540, 0x0b6a0, 0x195a6, // 1970-1979
	0x095b0, 0x049b0, 0x0a974, 0x0a4b0, 0x0b27a, 0x06a50, 0x06d40, 0x0af46, 0x0ab60, 0x09570, // 1980-1989
	0x04af5, 0x04970, 0x064b0, 0x074a3, 0x0ea50, 0x06b58, 0x05ac0, 0x0ab60, 0x096d5, 0x092e0, // 1990-1999
	0x0c960, 0x0d954, 0x0d4a0, 0x0da50, 0x07552, 0x056a0, 0x0abb7, 0x025d0, 0x092d0, 0x0cab5, // 2000-2009
	0x0a950, 0x0b4a0, 0x0baa4, 0x0ad50, 0x055d9, 0x04ba0, 0x0a5b0, 0x15176, 0x052b0, 0x0a930, // 2010-2019
	0x07954, 0x06aa0, 0x0ad50, 0x05b52, 0x04b60, 0x0a6e6, 0x0a4e0, 0x0d260, 0x0ea65, 0x0d530, // 2020-2029
	0x05aa0, 0x076a3, 0x096d0, 0x04afb, 0x04ad0, 0x0a4d0, 0x1d0b6, 0x0d250, 0x0d520, 0x0dd45, // 2030-2039
	0x0b5a0, 0x056d0, 0x055b2, 0x049b0, 0x0a577, 0x0a4b0, 0x0aa50, 0x1b255, 0x06d20, 0x0ada0, // 2040-2049
	0x14b63, 0x09370, 0x049f8, 0x04970, 0x064b0, 0x168a6, 0x0ea50, 0x06b20, 0x1a6c4, 0x0aae0, // 2050-2059
	0x092e0, 0x0d2e3, 0x0c960, 0x0d557, 0x0d4a0, 0x0da50, 0x05d55, 0x056a0, 0x0a6d0, 0x055d4, // 2060-2069
	0x052d0, 0x0a9b8, 0x0a950, 0x0b4a0, 0x0b6a6, 0x0ad50, 0x055a0, 0x0aba4, 0x0a5b0, 0x052b0, // 2070-2079
	0x0b273, 0x06930, 0x07337, 0x06aa0, 0x0ad50, 0x14b55, 0x04b60, 0x0a570, 0x054e4, 0x0d160, // 2080-2089
	0x0e968, 0x0d520, 0x0daa0, 0x16aa6, 0x056d0, 0x04ae0, 0x0a9d4, 0x0a2d0, 0x0d150, 0x0f252, // 2090-2099
	0x0d520, // 2100
}

// A compile-time guard that the table has exactly one entry per supported
// year: a dropped or duplicated entry while editing would silently shift all
// later years, so make it a build failure instead.
var (
	_ [len(lunarInfo) - (MaxLunarYear - MinLunarYear + 1)]struct{}
	_ [(MaxLunarYear - MinLunarYear + 1) - len(lunarInfo)]struct{}
)

const secondsPerDay = 24 * 60 * 60

// dayNumber returns the number of days since 1970-01-01 for a civil date.
// Working with plain day counts keeps all arithmetic free of time zones and
// DST; time.Date normalises out-of-range days/months the usual way.
func dayNumber(y int, m time.Month, d int) int {
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / secondsPerDay)
}

// civilFromDayNumber is the inverse of dayNumber.
func civilFromDayNumber(n int) (int, time.Month, int) {
	return time.Unix(int64(n)*secondsPerDay, 0).UTC().Date()
}

// lunarLeapMonth returns the leap month of lunar year y (0 if none).
func lunarLeapMonth(y int) int {
	return int(lunarInfo[y-MinLunarYear] & 0xf)
}

// lunarLeapDays returns the length of the leap month of y (0 if none).
func lunarLeapDays(y int) int {
	if lunarLeapMonth(y) == 0 {
		return 0
	}
	if lunarInfo[y-MinLunarYear]&0x10000 != 0 {
		return 30
	}
	return 29
}

// lunarMonthDays returns the length of regular (non-leap) month m of year y.
func lunarMonthDays(y, m int) int {
	if lunarInfo[y-MinLunarYear]&(0x10000>>uint(m)) != 0 {
		return 30
	}
	return 29
}

// lunarYearDays returns the total number of days in lunar year y.
func lunarYearDays(y int) int {
	n := lunarLeapDays(y)
	for m := 1; m <= 12; m++ {
		n += lunarMonthDays(y, m)
	}
	return n
}

// lunarEpoch is lunar 1900/1/1 = 1900-01-31, the anchor of the table.
var lunarEpoch = dayNumber(1900, time.January, 31)

// lunarYearStart[i] is the day number of lunar New Year of year
// MinLunarYear+i; the extra last element is the day after lunar 2100 ends.
// Precomputing it once makes each conversion a binary search plus at most 13
// month steps, which keeps bulk work (e.g. listing reminders) cheap.
var lunarYearStart = func() [len(lunarInfo) + 1]int {
	var s [len(lunarInfo) + 1]int
	s[0] = lunarEpoch
	for i := range lunarInfo {
		s[i+1] = s[i] + lunarYearDays(MinLunarYear+i)
	}
	return s
}()

// LunarToSolar converts a Chinese lunar date to its Gregorian date.
// lunarYear is the lunar year (the one starting at that year's Spring
// Festival), month is 1–12, day is 1–30, and leap selects the leap (闰) month
// of that number. The result is the civil date at 00:00 UTC.
//
// Unlike Recurrence, which adapts dates to each year, this is an exact
// conversion: a day 30 in a 29-day month, or leap=true for a month that is not
// leap in that year, is a *ValidationError. Years outside
// MinLunarYear–MaxLunarYear give an error wrapping ErrOutOfRange.
func LunarToSolar(lunarYear, month, day int, leap bool) (time.Time, error) {
	if lunarYear < MinLunarYear || lunarYear > MaxLunarYear {
		return time.Time{}, fmt.Errorf("%w: lunar year %d", ErrOutOfRange, lunarYear)
	}
	if month < 1 || month > 12 {
		return time.Time{}, &ValidationError{Field: "month", Reason: "lunar month must be between 1 and 12"}
	}
	leapMonth := lunarLeapMonth(lunarYear)
	if leap && leapMonth != month {
		return time.Time{}, &ValidationError{Field: "leap", Reason: fmt.Sprintf("lunar year %d has no leap month %d", lunarYear, month)}
	}
	length := lunarMonthDays(lunarYear, month)
	if leap {
		length = lunarLeapDays(lunarYear)
	}
	if day < 1 || day > length {
		return time.Time{}, &ValidationError{Field: "day", Reason: fmt.Sprintf("lunar day must be between 1 and %d for this month", length)}
	}

	// Months run 1, 2, …, L, leap L, L+1, …, 12: add every month that
	// precedes the target, including the leap month when it comes earlier.
	n := lunarYearStart[lunarYear-MinLunarYear]
	for m := 1; m < month; m++ {
		n += lunarMonthDays(lunarYear, m)
		if m == leapMonth {
			n += lunarLeapDays(lunarYear)
		}
	}
	if leap {
		n += lunarMonthDays(lunarYear, month) // the regular month precedes its leap twin
	}
	n += day - 1

	y, mo, d := civilFromDayNumber(n)
	return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC), nil
}

// SolarToLunar converts a Gregorian date to the Chinese lunar calendar. Only
// the year, month and day of t in t's own location are used. It returns the
// lunar year, month (1–12), day (1–30) and whether the month is a leap month.
// Dates before 1900-01-31 or after the end of lunar 2100 give an error
// wrapping ErrOutOfRange.
func SolarToLunar(t time.Time) (year, month, day int, leap bool, err error) {
	y, mo, d := t.Date()
	return lunarFromDayNumber(dayNumber(y, mo, d))
}

// lunarFromDayNumber is SolarToLunar on a day number.
func lunarFromDayNumber(n int) (year, month, day int, leap bool, err error) {
	if n < lunarYearStart[0] || n >= lunarYearStart[len(lunarYearStart)-1] {
		y, mo, d := civilFromDayNumber(n)
		return 0, 0, 0, false, fmt.Errorf("%w: %04d-%02d-%02d", ErrOutOfRange, y, int(mo), d)
	}
	// First index whose start is after n, minus one, is the containing year.
	i := sort.Search(len(lunarYearStart), func(i int) bool { return lunarYearStart[i] > n }) - 1
	year = MinLunarYear + i
	offset := n - lunarYearStart[i]

	leapMonth := lunarLeapMonth(year)
	for month = 1; month <= 12; month++ {
		length := lunarMonthDays(year, month)
		if offset < length {
			return year, month, offset + 1, false, nil
		}
		offset -= length
		if month == leapMonth {
			length = lunarLeapDays(year)
			if offset < length {
				return year, month, offset + 1, true, nil
			}
			offset -= length
		}
	}
	// Unreachable: lunarYearStart is built from the same month lengths.
	return 0, 0, 0, false, fmt.Errorf("keydate: internal error converting day %d", n)
}
