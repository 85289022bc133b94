package keydate

import (
	"errors"
	"maps"
	"slices"
	"testing"
	"time"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name  string
		r     Recurrence
		field string // "" = valid
	}{
		{"gregorian ok", Recurrence{Gregorian, 6, 15}, ""},
		{"gregorian feb 29 ok", Recurrence{Gregorian, 2, 29}, ""},
		{"gregorian dec 31 ok", Recurrence{Gregorian, 12, 31}, ""},
		{"lunar ok", Recurrence{Lunar, 8, 15}, ""},
		{"lunar day 30 ok", Recurrence{Lunar, 12, 30}, ""},
		{"empty calendar", Recurrence{"", 1, 1}, "calendar"},
		{"unknown calendar", Recurrence{"HEBREW", 1, 1}, "calendar"},
		{"lowercase calendar", Recurrence{"lunar", 1, 1}, "calendar"},
		{"calendar checked first", Recurrence{"X", 0, 0}, "calendar"},
		{"month 0", Recurrence{Gregorian, 0, 1}, "month"},
		{"month 13", Recurrence{Lunar, 13, 1}, "month"},
		{"negative month", Recurrence{Gregorian, -1, 1}, "month"},
		{"month checked before day", Recurrence{Gregorian, 13, 40}, "month"},
		{"day 0", Recurrence{Gregorian, 1, 0}, "day"},
		{"gregorian day 32", Recurrence{Gregorian, 1, 32}, "day"},
		{"gregorian feb 30", Recurrence{Gregorian, 2, 30}, "day"},
		{"gregorian apr 31", Recurrence{Gregorian, 4, 31}, "day"},
		{"lunar day 31", Recurrence{Lunar, 1, 31}, "day"},
		{"lunar day 0", Recurrence{Lunar, 1, 0}, "day"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.r.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate() = %v, want *ValidationError", err)
			}
			if ve.Field != tt.field || ve.Reason == "" {
				t.Errorf("Validate() = %+v, want field %q with a reason", ve, tt.field)
			}
		})
	}
}

func TestNext(t *testing.T) {
	sf := Recurrence{Lunar, 1, 1}
	tests := []struct {
		name string
		r    Recurrence
		from time.Time
		want time.Time
	}{
		// Gregorian.
		{"birthday later this year", Recurrence{Gregorian, 6, 15}, date(2025, 3, 1), date(2025, 6, 15)},
		{"birthday on the day itself", Recurrence{Gregorian, 6, 15}, date(2025, 6, 15), date(2025, 6, 15)},
		{"birthday the day after -> next year", Recurrence{Gregorian, 6, 15}, date(2025, 6, 16), date(2026, 6, 15)},
		{"new year from dec 31", Recurrence{Gregorian, 1, 1}, date(2025, 12, 31), date(2026, 1, 1)},
		{"christmas on the day", Recurrence{Gregorian, 12, 25}, date(2025, 12, 25), date(2025, 12, 25)},
		{"dec 31 from jan 1", Recurrence{Gregorian, 12, 31}, date(2025, 1, 1), date(2025, 12, 31)},
		// Feb 29 rule.
		{"feb 29 in a non-leap year -> feb 28", Recurrence{Gregorian, 2, 29}, date(2025, 1, 1), date(2025, 2, 28)},
		{"feb 29 from feb 28 of a non-leap year", Recurrence{Gregorian, 2, 29}, date(2025, 2, 28), date(2025, 2, 28)},
		{"feb 29 after feb 28 of non-leap year", Recurrence{Gregorian, 2, 29}, date(2025, 3, 1), date(2026, 2, 28)},
		{"feb 29 in a leap year", Recurrence{Gregorian, 2, 29}, date(2028, 1, 1), date(2028, 2, 29)},
		{"feb 29 from feb 28 of a leap year", Recurrence{Gregorian, 2, 29}, date(2028, 2, 28), date(2028, 2, 29)},
		{"feb 29 in 2100 (century, not leap)", Recurrence{Gregorian, 2, 29}, date(2100, 1, 1), date(2100, 2, 28)},
		{"feb 29 in 2000 (leap)", Recurrence{Gregorian, 2, 29}, date(2000, 1, 1), date(2000, 2, 29)},
		// Lunar.
		{"spring festival 2024", sf, date(2024, 1, 1), date(2024, 2, 10)},
		{"spring festival 2025", sf, date(2024, 2, 11), date(2025, 1, 29)},
		{"spring festival 2026", sf, date(2025, 6, 1), date(2026, 2, 17)},
		{"spring festival 2027", sf, date(2027, 1, 1), date(2027, 2, 6)},
		{"spring festival 2028", sf, date(2027, 2, 7), date(2028, 1, 26)},
		{"spring festival 2030", sf, date(2030, 1, 1), date(2030, 2, 3)},
		{"spring festival on the day itself", sf, date(2026, 2, 17), date(2026, 2, 17)},
		{"spring festival the day after -> next year", sf, date(2026, 2, 18), date(2027, 2, 6)},
		{"mid-autumn on the day", Recurrence{Lunar, 8, 15}, date(2025, 10, 6), date(2025, 10, 6)},
		{"mid-autumn the day after", Recurrence{Lunar, 8, 15}, date(2025, 10, 7), date(2026, 9, 25)},
		{"laba in january belongs to previous lunar year", Recurrence{Lunar, 12, 8}, date(2026, 1, 1), date(2026, 1, 26)},
		{"laba after january", Recurrence{Lunar, 12, 8}, date(2026, 1, 27), date(2027, 1, 15)},
		{"lunar 11/25 in january", Recurrence{Lunar, 11, 25}, date(1999, 12, 31), date(2000, 1, 1)},
		// Leap months are ignored: the regular 6th month of 2025 is already
		// past on 2025-07-01 (it began 2025-06-25), so the leap 6th month
		// (from 2025-07-25) must not count.
		{"leap month ignored", Recurrence{Lunar, 6, 1}, date(2025, 7, 1), date(2026, 7, 14)},
		{"regular month before its leap twin", Recurrence{Lunar, 6, 1}, date(2025, 6, 1), date(2025, 6, 25)},
		// Lunar day 30 rule: the 12th month of lunar 2024 and 2025 has 29 days
		// (no 年三十), that of lunar 2023 has 30.
		{"lunar 12/30 in a 29-day month -> 12/29", Recurrence{Lunar, 12, 30}, date(2025, 1, 1), date(2025, 1, 28)},
		{"lunar 12/30 in a 29-day month, 2026", Recurrence{Lunar, 12, 30}, date(2025, 3, 1), date(2026, 2, 16)},
		{"lunar 12/30 in a 30-day month", Recurrence{Lunar, 12, 30}, date(2024, 1, 1), date(2024, 2, 9)},
		{"lunar 12/29 unaffected", Recurrence{Lunar, 12, 29}, date(2024, 1, 1), date(2024, 2, 8)},
		// Edges of the lunar table.
		{"first lunar day", sf, date(1900, 1, 31), date(1900, 1, 31)},
		{"last lunar spring festival", sf, date(2099, 1, 22), date(2100, 2, 9)},
		{"last lunar day", Recurrence{Lunar, 12, 29}, date(2101, 1, 1), date(2101, 1, 28)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.r.Next(tt.from, time.UTC)
			if err != nil {
				t.Fatalf("Next(%s) error: %v", tt.from.Format(time.DateOnly), err)
			}
			if !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("Next(%s) = %s, want %s", tt.from.Format(time.DateOnly), got, tt.want)
			}
		})
	}
}

// Next must read the civil date of from in loc and answer midnight in loc.
func TestNextLocation(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	pst := time.FixedZone("PST", -8*3600)
	// 2025-01-28 20:00 UTC: still Jan 28 in UTC/PST, already Jan 29 in China.
	from := time.Date(2025, 1, 28, 20, 0, 0, 0, time.UTC)
	newYearsEve := Recurrence{Lunar, 12, 29} // lunar 2024 12/29 = 2025-01-28

	got, err := newYearsEve.Next(from, cst)
	if want := time.Date(2026, 2, 16, 0, 0, 0, 0, cst); err != nil || !got.Equal(want) || got.Location() != cst {
		t.Errorf("Next in CST = %v, %v; want %v", got, err, want)
	}
	got, err = newYearsEve.Next(from, pst)
	if want := time.Date(2025, 1, 28, 0, 0, 0, 0, pst); err != nil || !got.Equal(want) || got.Location() != pst {
		t.Errorf("Next in PST = %v, %v; want %v", got, err, want)
	}
	got, err = newYearsEve.Next(from, nil)
	if want := date(2025, 1, 28); err != nil || !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("Next with nil loc = %v, %v; want %v", got, err, want)
	}
	// The time of day of from never matters, only its date.
	late := time.Date(2025, 6, 15, 23, 59, 59, 0, cst)
	got, err = Recurrence{Gregorian, 6, 15}.Next(late, cst)
	if want := time.Date(2025, 6, 15, 0, 0, 0, 0, cst); err != nil || !got.Equal(want) {
		t.Errorf("Next at 23:59 = %v, %v; want %v", got, err, want)
	}
}

func TestNextErrors(t *testing.T) {
	_, err := Recurrence{Gregorian, 2, 30}.Next(date(2025, 1, 1), time.UTC)
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Field != "day" {
		t.Errorf("invalid recurrence: err = %v, want *ValidationError on day", err)
	}
	for _, from := range []time.Time{date(1900, 1, 30), date(2101, 1, 29), date(2100, 3, 1)} {
		if _, err := (Recurrence{Lunar, 1, 1}).Next(from, time.UTC); !errors.Is(err, ErrOutOfRange) {
			t.Errorf("Next(%s) err = %v, want ErrOutOfRange", from.Format(time.DateOnly), err)
		}
	}
	// Gregorian recurrences have no range limit.
	if got, err := (Recurrence{Gregorian, 3, 1}).Next(date(2500, 1, 1), time.UTC); err != nil || !got.Equal(date(2500, 3, 1)) {
		t.Errorf("Gregorian Next in 2500 = %v, %v", got, err)
	}
}

func TestBetween(t *testing.T) {
	fest := Festivals()
	tests := []struct {
		name     string
		r        Recurrence
		from, to time.Time
		want     []time.Time
	}{
		{"spring festivals 2024-2030", fest["SPRING_FESTIVAL"], date(2024, 1, 1), date(2030, 12, 31),
			[]time.Time{date(2024, 2, 10), date(2025, 1, 29), date(2026, 2, 17), date(2027, 2, 6), date(2028, 1, 26), date(2029, 2, 13), date(2030, 2, 3)}},
		{"mid-autumn 2024-2027", fest["MID_AUTUMN"], date(2024, 1, 1), date(2027, 12, 31),
			[]time.Time{date(2024, 9, 17), date(2025, 10, 6), date(2026, 9, 25), date(2027, 9, 15)}},
		{"inclusive at both ends", fest["DRAGON_BOAT"], date(2025, 5, 31), date(2026, 6, 19),
			[]time.Time{date(2025, 5, 31), date(2026, 6, 19)}},
		{"exclusive just inside", fest["DRAGON_BOAT"], date(2025, 6, 1), date(2026, 6, 18), nil},
		{"single day range hit", fest["CHRISTMAS"], date(2025, 12, 25), date(2025, 12, 25), []time.Time{date(2025, 12, 25)}},
		{"from after to", fest["CHRISTMAS"], date(2026, 1, 1), date(2025, 1, 1), nil},
		{"feb 29 across years", Recurrence{Gregorian, 2, 29}, date(2027, 1, 1), date(2029, 12, 31),
			[]time.Time{date(2027, 2, 28), date(2028, 2, 29), date(2029, 2, 28)}},
		// One per lunar year: lunar 2021's Laba fell on 2022-01-10 and lunar
		// 2022's on 2022-12-30, so Gregorian 2022 has two.
		{"two labas in gregorian 2022", fest["LABA"], date(2022, 1, 1), date(2022, 12, 31),
			[]time.Time{date(2022, 1, 10), date(2022, 12, 30)}},
		{"stops at end of lunar table", fest["SPRING_FESTIVAL"], date(2099, 1, 1), date(2105, 1, 1),
			[]time.Time{date(2099, 1, 21), date(2100, 2, 9)}},
		{"invalid recurrence", Recurrence{Lunar, 13, 1}, date(2024, 1, 1), date(2030, 1, 1), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.r.Between(tt.from, tt.to, time.UTC)
			if !slices.EqualFunc(got, tt.want, time.Time.Equal) {
				t.Errorf("Between = %v, want %v", got, tt.want)
			}
		})
	}

	cst := time.FixedZone("CST", 8*3600)
	got := fest["SPRING_FESTIVAL"].Between(time.Date(2025, 1, 1, 0, 0, 0, 0, cst), time.Date(2025, 12, 31, 0, 0, 0, 0, cst), cst)
	if want := time.Date(2025, 1, 29, 0, 0, 0, 0, cst); len(got) != 1 || !got[0].Equal(want) || got[0].Location() != cst {
		t.Errorf("Between in CST = %v, want [%v]", got, want)
	}
}

func TestFestivals(t *testing.T) {
	f := Festivals()
	wantCodes := []string{"CHRISTMAS", "DOUBLE_NINTH", "DRAGON_BOAT", "LABA", "LANTERN", "MID_AUTUMN", "NEW_YEAR", "QIXI", "SPRING_FESTIVAL", "VALENTINES"}
	if got := slices.Sorted(maps.Keys(f)); !slices.Equal(got, wantCodes) {
		t.Fatalf("codes = %v, want %v", got, wantCodes)
	}
	for code, r := range f {
		if err := r.Validate(); err != nil {
			t.Errorf("%s invalid: %v", code, err)
		}
	}

	// Next occurrence of each festival from 2025-01-01.
	want := map[string]time.Time{
		"SPRING_FESTIVAL": date(2025, 1, 29),
		"LANTERN":         date(2025, 2, 12),
		"DRAGON_BOAT":     date(2025, 5, 31),
		"QIXI":            date(2025, 8, 29),
		"MID_AUTUMN":      date(2025, 10, 6),
		"DOUBLE_NINTH":    date(2025, 10, 29),
		"LABA":            date(2025, 1, 7), // lunar 2024's Laba
		"NEW_YEAR":        date(2025, 1, 1),
		"VALENTINES":      date(2025, 2, 14),
		"CHRISTMAS":       date(2025, 12, 25),
	}
	for code, w := range want {
		got, err := f[code].Next(date(2025, 1, 1), time.UTC)
		if err != nil || !got.Equal(w) {
			t.Errorf("%s next from 2025-01-01 = %v, %v; want %s", code, got, err, w.Format(time.DateOnly))
		}
	}

	// Callers get their own copy.
	f["SPRING_FESTIVAL"] = Recurrence{Gregorian, 1, 1}
	if Festivals()["SPRING_FESTIVAL"].Calendar != Lunar {
		t.Error("modifying the returned map changed later results")
	}
}
