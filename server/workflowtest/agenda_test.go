package workflowtest_test

import (
	"slices"
	"testing"
	"time"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/server/servertest"
)

const (
	addKeyDateMut = `mutation($in:AddKeyDateInput!){addKeyDate(input:$in){id kind label calendar month day year notes nextDate}}`
	agendaQuery   = `query($d:Int){contactAgenda(days:$d){dueContacts{customer{id name} dueAt daysOverdue} keyDates{keyDate{id label calendar month day} customer{name} date daysTo}}}`
)

type keyDateOut struct {
	ID, Kind, Label, Calendar string
	Month, Day                int
	Year                      *int
	Notes                     string
	NextDate                  *string
}

type agendaOut struct {
	DueContacts []struct {
		Customer    struct{ ID, Name string }
		DueAt       string
		DaysOverdue int
	}
	KeyDates []struct {
		KeyDate  struct{ ID, Label, Calendar string }
		Customer struct{ Name string }
		Date     string
		DaysTo   int
	}
}

func agenda(t testing.TB, env *servertest.Env, tok string, days int) agendaOut {
	t.Helper()
	var out struct{ ContactAgenda agendaOut }
	mustOK(t, gql(t, env, tok, agendaQuery, map[string]any{"d": days}), &out)
	return out.ContactAgenda
}

func addKeyDate(t testing.TB, env *servertest.Env, tok string, in map[string]any) keyDateOut {
	t.Helper()
	var out struct{ AddKeyDate keyDateOut }
	mustOK(t, gql(t, env, tok, addKeyDateMut, map[string]any{"in": in}), &out)
	return out.AddKeyDate
}

func TestKeyDates(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	tok := tokens(t, env, w)
	w2 := login(t, env, env.W2, "admin")
	c := seedCustomer(t, env, w, "Dates", "agentA")
	ofB := seedCustomer(t, env, w, "B's dates", "agentB")

	t.Run("added", func(t *testing.T) {
		year := 1980
		for _, tc := range []struct {
			name string
			in   map[string]any
			want keyDateOut
		}{
			{"birthday", map[string]any{"kind": "BIRTHDAY", "label": "王总生日", "month": 3, "day": 14, "year": year, "notes": "likes tea"},
				keyDateOut{Kind: "BIRTHDAY", Label: "王总生日", Calendar: "GREGORIAN", Month: 3, Day: 14, Year: &year, Notes: "likes tea"}},
			{"leap-day birthday", map[string]any{"kind": "BIRTHDAY", "label": "leap", "month": 2, "day": 29},
				keyDateOut{Kind: "BIRTHDAY", Label: "leap", Calendar: "GREGORIAN", Month: 2, Day: 29}},
			{"lunar birthday", map[string]any{"kind": "BIRTHDAY", "label": "农历生日", "calendar": "LUNAR", "month": 12, "day": 30},
				keyDateOut{Kind: "BIRTHDAY", Label: "农历生日", Calendar: "LUNAR", Month: 12, Day: 30}},
			{"spring festival", map[string]any{"kind": "FESTIVAL", "label": "春节", "festival": "SPRING_FESTIVAL"},
				keyDateOut{Kind: "FESTIVAL", Label: "春节", Calendar: "LUNAR", Month: 1, Day: 1}},
			{"mid-autumn, any case, calendar ignored", map[string]any{"kind": "FESTIVAL", "label": "中秋", "festival": "mid_autumn", "calendar": "GREGORIAN"},
				keyDateOut{Kind: "FESTIVAL", Label: "中秋", Calendar: "LUNAR", Month: 8, Day: 15}},
			{"christmas", map[string]any{"kind": "FESTIVAL", "label": "Christmas", "festival": "CHRISTMAS"},
				keyDateOut{Kind: "FESTIVAL", Label: "Christmas", Calendar: "GREGORIAN", Month: 12, Day: 25}},
			{"renewal", map[string]any{"kind": "RENEWAL", "label": "contract", "month": 6, "day": 30},
				keyDateOut{Kind: "RENEWAL", Label: "contract", Calendar: "GREGORIAN", Month: 6, Day: 30}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				tc.in["customerId"] = c.ID
				got := addKeyDate(t, env, tok["agentA"], tc.in)
				tc.want.ID, tc.want.NextDate = got.ID, got.NextDate
				if got.Kind != tc.want.Kind || got.Label != tc.want.Label || got.Calendar != tc.want.Calendar || got.Month != tc.want.Month ||
					got.Day != tc.want.Day || (got.Year == nil) != (tc.want.Year == nil) || got.Notes != tc.want.Notes || got.NextDate == nil {
					t.Errorf("added %+v, want %+v", got, tc.want)
				}
				if auditCount(t, env, "keyDate.add", got.ID) != 1 {
					t.Error("no keyDate.add audit row")
				}
			})
		}
		var out struct {
			Customer struct{ KeyDates []keyDateOut }
		}
		mustOK(t, gql(t, env, tok["viewer"], `query($id:ID!){customer(id:$id){keyDates{id label}}}`, map[string]any{"id": c.ID}), &out)
		if len(out.Customer.KeyDates) != 7 {
			t.Errorf("customer.keyDates = %d, want 7", len(out.Customer.KeyDates))
		}
	})

	t.Run("rejected", func(t *testing.T) {
		in := func(kv ...any) map[string]any {
			m := map[string]any{"customerId": c.ID, "kind": "BIRTHDAY", "label": "x", "month": 1, "day": 1}
			for i := 0; i < len(kv); i += 2 {
				m[kv[i].(string)] = kv[i+1]
			}
			return m
		}
		before := dbState(t, env)
		for _, tc := range []struct {
			name, tok   string
			in          map[string]any
			code, field string
		}{
			{"February 30", tok["agentA"], in("month", 2, "day", 30), retain.EINVALID, "input.day"},
			{"April 31", tok["agentA"], in("month", 4, "day", 31), retain.EINVALID, "input.day"},
			{"day 0", tok["agentA"], in("day", 0), retain.EINVALID, "input.day"},
			{"month 13", tok["agentA"], in("month", 13), retain.EINVALID, "input.month"},
			{"no month", tok["agentA"], in("month", nil), retain.EINVALID, "input.month"},
			{"lunar day 31", tok["agentA"], in("calendar", "LUNAR", "day", 31), retain.EINVALID, "input.day"},
			{"unknown festival", tok["agentA"], in("kind", "FESTIVAL", "festival", "HALLOWEEN"), retain.EINVALID, "input.festival"},
			{"unknown calendar", tok["agentA"], in("calendar", "MAYAN"), retain.EINVALID, ""},
			{"unknown kind", tok["agentA"], in("kind", "NAME_DAY"), retain.EINVALID, ""},
			{"year 1800", tok["agentA"], in("year", 1800), retain.EINVALID, "input.year"},
			{"empty label", tok["agentA"], in("label", " "), retain.EINVALID, "input.label"},
			{"another agent's customer", tok["agentA"], in("customerId", ofB.ID), retain.ENOTFOUND, ""},
			{"W2", w2, in("label", "x"), retain.ENOTFOUND, ""},
			{"unknown customer", tok["agentA"], in("customerId", db.NewID()), retain.ENOTFOUND, ""},
			{"viewer", tok["viewer"], in("label", "x"), retain.EFORBIDDEN, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantErr(t, gql(t, env, tc.tok, addKeyDateMut, map[string]any{"in": tc.in}), tc.code, tc.field)
			})
		}
		unchanged(t, env, before)
	})

	t.Run("delete", func(t *testing.T) {
		kd := addKeyDate(t, env, tok["agentA"], map[string]any{"customerId": c.ID, "kind": "CUSTOM", "label": "shop opening", "month": 9, "day": 1})
		const del = `mutation($id:ID!){deleteKeyDate(id:$id)}`
		before := dbState(t, env)
		for _, tc := range []struct{ name, tok, id, code string }{
			{"another agent", tok["agentB"], kd.ID, retain.ENOTFOUND},
			{"W2", w2, kd.ID, retain.ENOTFOUND},
			{"viewer", tok["viewer"], kd.ID, retain.EFORBIDDEN},
			{"unknown", tok["agentA"], db.NewID(), retain.ENOTFOUND},
			{"garbage", tok["agentA"], "kd", retain.ENOTFOUND},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantErr(t, gql(t, env, tc.tok, del, map[string]any{"id": tc.id}), tc.code, "")
			})
		}
		unchanged(t, env, before)
		var out struct{ DeleteKeyDate bool }
		mustOK(t, gql(t, env, tok["agentA"], del, map[string]any{"id": kd.ID}), &out)
		if !out.DeleteKeyDate || sqlInt(t, env, "SELECT count(*) FROM key_dates WHERE id = ?", kd.ID) != 0 {
			t.Error("key date not deleted")
		}
		if n := sqlInt(t, env, "SELECT count(*) FROM audit_log WHERE action = 'keyDate.delete' AND entity_id = ? AND before->>'Label' = 'shop opening'", kd.ID); n != 1 {
			t.Errorf("keyDate.delete audit rows with before = %d, want 1", n)
		}
		wantErr(t, gql(t, env, tok["agentA"], del, map[string]any{"id": kd.ID}), retain.ENOTFOUND, "")
	})
}

// TestContactAgenda moves the clock to late January 2027, when the Spring
// Festival (lunar 1/1 = 6 February 2027) is a week away.
func TestContactAgenda(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2027, 1, 20, 12, 0, 0, 0, shanghai) // 04:00 UTC
	env.Clock.Set(start)
	day := 24 * time.Hour
	tok := tokens(t, env, w)
	rts := relTypes(t, env, tok["admin"])
	best, transactional := rts["Best customer"], rts["Transactional"]
	if best.ContactCadenceDays != 7 || transactional.ContactCadenceDays != 30 {
		t.Fatalf("default cadences changed: %+v %+v", best, transactional)
	}

	never := seedCustomer(t, env, w, "Never contacted", "agentA", withType(best.ID)) // due start+7d
	called := seedCustomer(t, env, w, "Called yesterday", "agentA", withType(best.ID))
	logInteraction(t, env, tok["agentA"], map[string]any{"customerId": called.ID, "channel": "CALL", "summary": "hi",
		"occurredAt": ts(start.Add(-day))}) // due start+6d
	seedCustomer(t, env, w, "Monthly", "agentA", withType(transactional.ID)) // due start+30d
	lost := seedCustomer(t, env, w, "Lost one", "agentA", withType(best.ID))
	lr := lossReasonIDs(t, env, tok["admin"])
	loseCustomer(t, env, tok["admin"], lost.ID, lr["PRICE"], false)
	ofB := seedCustomer(t, env, w, "B's customer", "agentB", withType(best.ID))
	seedCustomer(t, env, w, "B's, backed up by A", "agentB", withType(best.ID), withBackup(w, "agentA"))
	key := func(cust *retain.Customer, label string, kv ...any) {
		in := map[string]any{"customerId": cust.ID, "kind": "BIRTHDAY", "label": label}
		for i := 0; i < len(kv); i += 2 {
			in[kv[i].(string)] = kv[i+1]
		}
		addKeyDate(t, env, tok["admin"], in)
	}
	key(never, "Spring Festival", "kind", "FESTIVAL", "festival", "SPRING_FESTIVAL")
	key(never, "Mid-Autumn", "kind", "FESTIVAL", "festival", "MID_AUTUMN")
	key(never, "Birthday 2 Feb", "month", 2, "day", 2)
	key(called, "Lunar birthday 1/3", "calendar", "LUNAR", "month", 1, "day", 3)
	key(called, "Renewal 13 Feb", "kind", "RENEWAL", "month", 2, "day", 13)
	key(called, "Anniversary 29 Jan", "kind", "ANNIVERSARY", "month", 1, "day", 29)
	key(called, "Leap-day birthday", "month", 2, "day", 29)
	key(ofB, "B's Spring Festival", "kind", "FESTIVAL", "festival", "SPRING_FESTIVAL")

	t.Run("nothing due yet", func(t *testing.T) {
		if ag := agenda(t, env, tok["agentA"], 3); len(ag.DueContacts) != 0 {
			t.Errorf("due within 3 days at the start: %+v", ag.DueContacts)
		}
	})

	rows := dbState(t, env)
	env.Clock.Set(time.Date(2027, 1, 30, 12, 0, 0, 0, shanghai))
	tok = tokens(t, env, w)

	t.Run("overdue under the contract's cadence, with no write", func(t *testing.T) {
		ag := agenda(t, env, tok["agentA"], 14)
		var got []string
		for _, d := range ag.DueContacts {
			got = append(got, d.Customer.Name)
		}
		if !slices.Equal(got, []string{"Called yesterday", "Never contacted"}) {
			t.Fatalf("due contacts = %v", got)
		}
		for i, want := range []struct {
			due     time.Time
			overdue int
		}{{start.Add(6 * day), 4}, {start.Add(7 * day), 3}} {
			d := ag.DueContacts[i]
			if !parseTime(t, d.DueAt).Equal(want.due) || d.DaysOverdue != want.overdue {
				t.Errorf("%s: due %s, %d days overdue; want %v, %d", d.Customer.Name, d.DueAt, d.DaysOverdue, want.due, want.overdue)
			}
		}
		ag = agenda(t, env, tok["agentA"], 30)
		if len(ag.DueContacts) != 3 || ag.DueContacts[2].Customer.Name != "Monthly" || ag.DueContacts[2].DaysOverdue != 0 {
			t.Errorf("30-day agenda: %+v", ag.DueContacts)
		}
		ag = agenda(t, env, tok["agentB"], 14)
		got = nil
		for _, d := range ag.DueContacts {
			got = append(got, d.Customer.Name)
		}
		if !slices.Equal(got, []string{"B's customer", "B's, backed up by A"}) {
			t.Errorf("agentB due contacts = %v", got)
		}
		if ag := agenda(t, env, tok["manager"], 30); len(ag.DueContacts) != 0 || len(ag.KeyDates) != 0 {
			t.Errorf("the manager owns no customers: %+v", ag)
		}
		unchanged(t, env, rows)
	})

	t.Run("key dates in the window", func(t *testing.T) {
		ag := agenda(t, env, tok["agentA"], 14)
		type kd struct {
			label  string
			date   time.Time
			daysTo int
		}
		var got []kd
		for _, k := range ag.KeyDates {
			got = append(got, kd{k.KeyDate.Label, parseTime(t, k.Date), k.DaysTo})
		}
		d := func(m time.Month, day int) time.Time { return time.Date(2027, m, day, 0, 0, 0, 0, shanghai) }
		want := []kd{
			{"Birthday 2 Feb", d(2, 2), 3},
			{"Spring Festival", d(2, 6), 7}, // lunar 1/1
			{"Lunar birthday 1/3", d(2, 8), 9},
			{"Renewal 13 Feb", d(2, 13), 14},
		}
		if len(got) != len(want) {
			t.Fatalf("key dates = %+v, want %+v", got, want)
		}
		for i := range want {
			if got[i].label != want[i].label || !got[i].date.Equal(want[i].date) || got[i].daysTo != want[i].daysTo {
				t.Errorf("key date %d = %+v, want %+v", i, got[i], want[i])
			}
		}
		ag = agenda(t, env, tok["agentA"], 30)
		last := ag.KeyDates[len(ag.KeyDates)-1]
		if last.KeyDate.Label != "Leap-day birthday" || last.DaysTo != 29 || !parseTime(t, last.Date).Equal(d(2, 28)) {
			t.Errorf("29 February in 2027 = %+v, want 28 February, 29 days", last)
		}
		for _, k := range ag.KeyDates {
			if k.KeyDate.Label == "B's Spring Festival" || k.KeyDate.Label == "Anniversary 29 Jan" || k.KeyDate.Label == "Mid-Autumn" {
				t.Errorf("agenda lists %s", k.KeyDate.Label)
			}
		}
	})

	t.Run("KeyDate.nextDate follows the server clock", func(t *testing.T) {
		var out struct {
			Customer struct{ KeyDates []keyDateOut }
		}
		mustOK(t, gql(t, env, tok["agentA"], `query($id:ID!){customer(id:$id){keyDates{label nextDate}}}`, map[string]any{"id": called.ID}), &out)
		for _, k := range out.Customer.KeyDates {
			if k.Label == "Anniversary 29 Jan" && (k.NextDate == nil || (*k.NextDate)[:10] != "2028-01-29") {
				t.Errorf("nextDate = %v, want 2028-01-29", k.NextDate)
			}
		}
	})

	t.Run("rejected", func(t *testing.T) {
		wantErr(t, gql(t, env, tok["agentA"], agendaQuery, map[string]any{"d": -1}), retain.EINVALID, "days")
		wantErr(t, gql(t, env, tok["agentA"], agendaQuery, map[string]any{"d": 367}), retain.EINVALID, "days")
		wantErr(t, gql(t, env, apiToken(t, env, tok["admin"], allScopes...), agendaQuery, map[string]any{"d": 7}), retain.EFORBIDDEN, "")
	})
}
