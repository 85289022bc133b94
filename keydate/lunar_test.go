package keydate

import (
	"errors"
	"testing"
	"time"
)

func date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func TestLunarInfoTableShape(t *testing.T) {
	if got, want := len(lunarInfo), MaxLunarYear-MinLunarYear+1; got != want {
		t.Fatalf("len(lunarInfo) = %d, want %d", got, want)
	}
	for i, v := range lunarInfo {
		y := MinLunarYear + i
		if v == 0 || v > 0x1ffff {
			t.Errorf("%d: entry %#05x out of encoding range", y, v)
		}
		leap := v & 0xf
		if leap > 12 {
			t.Errorf("%d: leap month %d > 12", y, leap)
		}
		if leap == 0 && v&0x10000 != 0 {
			t.Errorf("%d: leap-month length bit set without a leap month", y)
		}
		// A lunar year has 12 or 13 months of 29/30 days: 353–355 or 383–385 days.
		n := lunarYearDays(y)
		if leap == 0 && (n < 353 || n > 355) || leap != 0 && (n < 383 || n > 385) {
			t.Errorf("%d: implausible year length %d (leap month %d)", y, n, leap)
		}
	}
}

// Known real festival dates (published almanac dates, also cross-checked
// against an independent astronomical new-moon computation).
func TestLunarToSolarFestivals(t *testing.T) {
	tests := []struct {
		name       string
		year, m, d int
		want       time.Time
	}{
		{"epoch 1900 spring festival", 1900, 1, 1, date(1900, 1, 31)},
		{"1949 spring festival", 1949, 1, 1, date(1949, 1, 29)},
		{"2000 spring festival", 2000, 1, 1, date(2000, 2, 5)},
		{"2020 spring festival", 2020, 1, 1, date(2020, 1, 25)},
		{"2023 spring festival", 2023, 1, 1, date(2023, 1, 22)},
		{"2024 spring festival", 2024, 1, 1, date(2024, 2, 10)},
		{"2025 spring festival", 2025, 1, 1, date(2025, 1, 29)},
		{"2026 spring festival", 2026, 1, 1, date(2026, 2, 17)},
		{"2027 spring festival", 2027, 1, 1, date(2027, 2, 6)},
		{"2028 spring festival", 2028, 1, 1, date(2028, 1, 26)},
		{"2029 spring festival", 2029, 1, 1, date(2029, 2, 13)},
		{"2030 spring festival", 2030, 1, 1, date(2030, 2, 3)},
		{"2033 spring festival", 2033, 1, 1, date(2033, 1, 31)},
		{"2050 spring festival", 2050, 1, 1, date(2050, 1, 23)},
		{"2100 spring festival", 2100, 1, 1, date(2100, 2, 9)},
		{"2025 lantern", 2025, 1, 15, date(2025, 2, 12)},
		{"2026 lantern", 2026, 1, 15, date(2026, 3, 3)},
		{"2024 dragon boat", 2024, 5, 5, date(2024, 6, 10)},
		{"2025 dragon boat", 2025, 5, 5, date(2025, 5, 31)},
		{"2026 dragon boat", 2026, 5, 5, date(2026, 6, 19)},
		{"2025 qixi", 2025, 7, 7, date(2025, 8, 29)},
		{"2026 qixi", 2026, 7, 7, date(2026, 8, 19)},
		{"2020 mid-autumn (same day as National Day)", 2020, 8, 15, date(2020, 10, 1)},
		{"2024 mid-autumn", 2024, 8, 15, date(2024, 9, 17)},
		{"2025 mid-autumn", 2025, 8, 15, date(2025, 10, 6)},
		{"2026 mid-autumn", 2026, 8, 15, date(2026, 9, 25)},
		{"2027 mid-autumn", 2027, 8, 15, date(2027, 9, 15)},
		{"2025 double ninth", 2025, 9, 9, date(2025, 10, 29)},
		{"2025 laba (next Gregorian year)", 2025, 12, 8, date(2026, 1, 26)},
		{"2023 new year's eve 12/30", 2023, 12, 30, date(2024, 2, 9)},
		{"1999 11/25", 1999, 11, 25, date(2000, 1, 1)},
		{"1984 spring festival", 1984, 1, 1, date(1984, 2, 2)},
		{"last day of lunar 2100", 2100, 12, 29, date(2101, 1, 28)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := LunarToSolar(tt.year, tt.m, tt.d, false)
			if err != nil {
				t.Fatalf("LunarToSolar(%d, %d, %d) error: %v", tt.year, tt.m, tt.d, err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("LunarToSolar(%d, %d, %d) = %s, want %s", tt.year, tt.m, tt.d, got.Format(time.DateOnly), tt.want.Format(time.DateOnly))
			}
			y, m, d, leap, err := SolarToLunar(tt.want)
			if err != nil || y != tt.year || m != tt.m || d != tt.d || leap {
				t.Errorf("SolarToLunar(%s) = %d/%d/%d leap=%v err=%v, want %d/%d/%d", tt.want.Format(time.DateOnly), y, m, d, leap, err, tt.year, tt.m, tt.d)
			}
		})
	}
}

func TestLeapMonths(t *testing.T) {
	tests := []struct {
		year, month  int
		leapStart    time.Time // first day of the leap month
		regularStart time.Time // first day of the regular month of the same number
	}{
		{1900, 8, date(1900, 9, 24), date(1900, 8, 25)},
		{2020, 4, date(2020, 5, 23), date(2020, 4, 23)},
		{2023, 2, date(2023, 3, 22), date(2023, 2, 20)}, // 闰二月
		{2025, 6, date(2025, 7, 25), date(2025, 6, 25)}, // 闰六月
		{2028, 5, date(2028, 6, 23), date(2028, 5, 24)},
		{2033, 11, date(2033, 12, 22), date(2033, 11, 22)}, // the "2033 problem" 闰十一月
	}
	for _, tt := range tests {
		if got := lunarLeapMonth(tt.year); got != tt.month {
			t.Errorf("leap month of %d = %d, want %d", tt.year, got, tt.month)
		}
		got, err := LunarToSolar(tt.year, tt.month, 1, true)
		if err != nil || !got.Equal(tt.leapStart) {
			t.Errorf("LunarToSolar(%d, leap %d, 1) = %v, %v; want %s", tt.year, tt.month, got, err, tt.leapStart.Format(time.DateOnly))
		}
		got, err = LunarToSolar(tt.year, tt.month, 1, false)
		if err != nil || !got.Equal(tt.regularStart) {
			t.Errorf("LunarToSolar(%d, %d, 1) = %v, %v; want %s", tt.year, tt.month, got, err, tt.regularStart.Format(time.DateOnly))
		}
		y, m, d, leap, err := SolarToLunar(tt.leapStart)
		if err != nil || y != tt.year || m != tt.month || d != 1 || !leap {
			t.Errorf("SolarToLunar(%s) = %d/%d/%d leap=%v err=%v, want %d/leap %d/1", tt.leapStart.Format(time.DateOnly), y, m, d, leap, err, tt.year, tt.month)
		}
	}
	for _, y := range []int{2021, 2022, 2024, 2026, 2027} {
		if got := lunarLeapMonth(y); got != 0 {
			t.Errorf("lunar year %d has leap month %d, want none", y, got)
		}
	}
}

// SolarToLunar must use the civil date of t in t's own location.
func TestSolarToLunarUsesLocationOfT(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	// 2025-01-28 20:00 UTC is already 2025-01-29 (Spring Festival) in China.
	tt := time.Date(2025, 1, 28, 20, 0, 0, 0, time.UTC).In(cst)
	y, m, d, leap, err := SolarToLunar(tt)
	if err != nil || y != 2025 || m != 1 || d != 1 || leap {
		t.Fatalf("SolarToLunar = %d/%d/%d leap=%v err=%v, want 2025/1/1", y, m, d, leap, err)
	}
}

// Walks every day from 1901 to 2099: each must convert to lunar and back to
// itself, and consecutive days must be consecutive lunar days.
func TestRoundTripEveryDay(t *testing.T) {
	end := date(2099, 12, 31)
	py, pm, pd, pleap, err := SolarToLunar(date(1900, 12, 31))
	if err != nil {
		t.Fatal(err)
	}
	for day := date(1901, 1, 1); !day.After(end); day = day.AddDate(0, 0, 1) {
		y, m, d, leap, err := SolarToLunar(day)
		if err != nil {
			t.Fatalf("SolarToLunar(%s): %v", day.Format(time.DateOnly), err)
		}
		back, err := LunarToSolar(y, m, d, leap)
		if err != nil || !back.Equal(day) {
			t.Fatalf("round trip %s -> %d/%d/%d leap=%v -> %v, %v", day.Format(time.DateOnly), y, m, d, leap, back, err)
		}
		sameMonth := y == py && m == pm && leap == pleap && d == pd+1
		newMonth := d == 1 && pd >= 29 && pd <= 30
		if !sameMonth && !newMonth {
			t.Fatalf("%s: lunar %d/%d/%d (leap=%v) does not follow %d/%d/%d (leap=%v)", day.Format(time.DateOnly), y, m, d, leap, py, pm, pd, pleap)
		}
		py, pm, pd, pleap = y, m, d, leap
	}
}

// The reverse direction: every valid lunar date of every supported year.
func TestRoundTripEveryLunarDate(t *testing.T) {
	prev := date(1900, 1, 30)
	for y := MinLunarYear; y <= MaxLunarYear; y++ {
		for m := 1; m <= 12; m++ {
			for _, leap := range []bool{false, true} {
				if leap && lunarLeapMonth(y) != m {
					continue
				}
				n := lunarMonthDays(y, m)
				if leap {
					n = lunarLeapDays(y)
				}
				for d := 1; d <= n; d++ {
					s, err := LunarToSolar(y, m, d, leap)
					if err != nil {
						t.Fatalf("LunarToSolar(%d, %d, %d, %v): %v", y, m, d, leap, err)
					}
					if !s.Equal(prev.AddDate(0, 0, 1)) {
						t.Fatalf("LunarToSolar(%d, %d, %d, %v) = %s, want the day after %s", y, m, d, leap, s.Format(time.DateOnly), prev.Format(time.DateOnly))
					}
					prev = s
					gy, gm, gd, gleap, err := SolarToLunar(s)
					if err != nil || gy != y || gm != m || gd != d || gleap != leap {
						t.Fatalf("SolarToLunar(%s) = %d/%d/%d leap=%v err=%v, want %d/%d/%d leap=%v", s.Format(time.DateOnly), gy, gm, gd, gleap, err, y, m, d, leap)
					}
				}
			}
		}
	}
	if want := date(2101, 1, 28); !prev.Equal(want) {
		t.Errorf("lunar 2100 ends on %s, want %s", prev.Format(time.DateOnly), want.Format(time.DateOnly))
	}
}

func TestLunarToSolarErrors(t *testing.T) {
	tests := []struct {
		name       string
		y, m, d    int
		leap       bool
		outOfRange bool
		field      string
	}{
		{"year before table", 1899, 1, 1, false, true, ""},
		{"year after table", 2101, 1, 1, false, true, ""},
		{"month 0", 2025, 0, 1, false, false, "month"},
		{"month 13", 2025, 13, 1, false, false, "month"},
		{"day 0", 2025, 1, 0, false, false, "day"},
		{"day 31", 2025, 1, 31, false, false, "day"},
		{"day 30 of a 29-day month", 2024, 12, 30, false, false, "day"},
		{"leap month that does not exist", 2024, 6, 1, true, false, "leap"},
		{"wrong leap month", 2025, 5, 1, true, false, "leap"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LunarToSolar(tt.y, tt.m, tt.d, tt.leap)
			if err == nil {
				t.Fatal("want error")
			}
			if got := errors.Is(err, ErrOutOfRange); got != tt.outOfRange {
				t.Errorf("errors.Is(%v, ErrOutOfRange) = %v, want %v", err, got, tt.outOfRange)
			}
			if tt.field != "" {
				var ve *ValidationError
				if !errors.As(err, &ve) || ve.Field != tt.field {
					t.Errorf("error %v, want *ValidationError with field %q", err, tt.field)
				}
			}
		})
	}
}

func TestSolarToLunarOutOfRange(t *testing.T) {
	for _, d := range []time.Time{date(1900, 1, 30), date(1800, 6, 1), date(2101, 1, 29), date(2200, 1, 1)} {
		if _, _, _, _, err := SolarToLunar(d); !errors.Is(err, ErrOutOfRange) {
			t.Errorf("SolarToLunar(%s) err = %v, want ErrOutOfRange", d.Format(time.DateOnly), err)
		}
	}
	for _, d := range []time.Time{date(1900, 1, 31), date(2101, 1, 28)} {
		if _, _, _, _, err := SolarToLunar(d); err != nil {
			t.Errorf("SolarToLunar(%s) err = %v, want nil (edge of range)", d.Format(time.DateOnly), err)
		}
	}
}
