package workflowtest_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/server/servertest"
)

const logInteractionMut = `mutation($in:LogInteractionInput!){logInteraction(input:$in){
  id channel direction occurredAt summary sentiment competitor giftValue giftFeedback nextStep nextStepDueAt durationMinutes
  user{id} customer{id lastContactAt}}}`

type interactionOut struct {
	ID, Channel, Direction, OccurredAt, Summary string
	Sentiment                                   *int
	Competitor                                  string
	GiftValue                                   *float64
	GiftFeedback, NextStep                      string
	NextStepDueAt                               *string
	DurationMinutes                             int
	User                                        *idOf
	Customer                                    struct {
		ID            string
		LastContactAt *string
	}
}

// logInteraction logs an interaction over GraphQL and fails the test otherwise.
func logInteraction(t testing.TB, env *servertest.Env, tok string, in map[string]any) interactionOut {
	t.Helper()
	var out struct{ LogInteraction interactionOut }
	mustOK(t, gql(t, env, tok, logInteractionMut, map[string]any{"in": in}), &out)
	return out.LogInteraction
}

func TestInteractions(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	tok := tokens(t, env, w)
	w2 := login(t, env, env.W2, "admin")
	now := env.Clock.Now()
	custA := seedCustomer(t, env, w, "甲 Customer of A", "agentA")
	custB := seedCustomer(t, env, w, "Customer of B", "agentB")
	custW2 := seedCustomer(t, env, env.W2, "W2 customer", "agentA")

	t.Run("every channel, with gift and next step", func(t *testing.T) {
		channels := []string{"CALL", "VISIT", "MEETING", "MESSAGE", "EMAIL", "LETTER", "GIFT", "EVENT", "OTHER"}
		for i, ch := range channels {
			at := now.Add(-time.Duration(len(channels)-i) * time.Hour)
			in := map[string]any{"customerId": custA.ID, "channel": ch, "direction": "INBOUND", "occurredAt": ts(at),
				"summary": "  聊了一下 " + ch + "  ", "sentiment": i%5 - 2, "competitor": "Acme", "durationMinutes": 15,
				"nextStep": "send the quote", "nextStepDueAt": ts(now.Add(48 * time.Hour))}
			if ch == "GIFT" {
				in["giftValue"] = 188.5
				in["giftFeedback"] = "loved the mooncakes"
			}
			got := logInteraction(t, env, tok["agentA"], in)
			if got.Channel != ch || got.Direction != "INBOUND" || got.Summary != "聊了一下 "+ch || got.Sentiment == nil || *got.Sentiment != i%5-2 ||
				got.Competitor != "Acme" || got.DurationMinutes != 15 || got.NextStep != "send the quote" || got.NextStepDueAt == nil ||
				got.User == nil || got.User.ID != w.Users["agentA"].ID || got.Customer.ID != custA.ID || !parseTime(t, got.OccurredAt).Equal(at) {
				t.Errorf("%s: logged %+v", ch, got)
			}
			if ch == "GIFT" && (got.GiftValue == nil || *got.GiftValue != 188.5 || got.GiftFeedback != "loved the mooncakes") {
				t.Errorf("gift: %+v", got)
			}
			if got.Customer.LastContactAt == nil || !parseTime(t, *got.Customer.LastContactAt).Equal(at) {
				t.Errorf("%s: lastContactAt = %v, want %v", ch, got.Customer.LastContactAt, at)
			}
		}
		if n := sqlInt(t, env, "SELECT count(*) FROM interactions WHERE customer_id = ?", custA.ID); n != len(channels) {
			t.Errorf("stored %d interactions, want %d", n, len(channels))
		}
		// Defaults: direction OUTBOUND, occurredAt now.
		got := logInteraction(t, env, tok["agentA"], map[string]any{"customerId": custA.ID, "channel": "CALL", "summary": "quick call"})
		if got.Direction != "OUTBOUND" || !parseTime(t, got.OccurredAt).Equal(now) || got.Sentiment != nil || got.GiftValue != nil {
			t.Errorf("defaults: %+v", got)
		}
		// An older interaction logged late does not move last contact back.
		got = logInteraction(t, env, tok["agentA"], map[string]any{"customerId": custA.ID, "channel": "LETTER", "summary": "old letter",
			"occurredAt": ts(now.AddDate(0, -2, 0))})
		if got.Customer.LastContactAt == nil || !parseTime(t, *got.Customer.LastContactAt).Equal(now) {
			t.Errorf("lastContactAt after a backdated interaction = %v, want %v", got.Customer.LastContactAt, now)
		}
	})

	t.Run("read back by who may see it", func(t *testing.T) {
		it := logInteraction(t, env, tok["agentA"], map[string]any{"customerId": custA.ID, "channel": "VISIT", "summary": "visit"})
		const q = `query($id:ID!){interaction(id:$id){id summary customer{id}}}`
		for _, who := range []string{"agentA", "manager", "viewer", "admin"} {
			var out struct{ Interaction *struct{ ID, Summary string } }
			mustOK(t, gql(t, env, tok[who], q, map[string]any{"id": it.ID}), &out)
			if out.Interaction == nil || out.Interaction.ID != it.ID {
				t.Errorf("%s: interaction = %+v", who, out.Interaction)
			}
		}
		for _, tc := range []struct{ who, tok string }{{"agentB", tok["agentB"]}, {"agentC", tok["agentC"]}, {"W2 admin", w2}} {
			wantErr(t, gql(t, env, tc.tok, q, map[string]any{"id": it.ID}), retain.ENOTFOUND, "")
		}
		wantErr(t, gql(t, env, tok["admin"], q, map[string]any{"id": "not-an-id"}), retain.ENOTFOUND, "")
		wantErr(t, gql(t, env, tok["admin"], q, map[string]any{"id": db.NewID()}), retain.ENOTFOUND, "")
	})

	t.Run("rejected", func(t *testing.T) {
		base := func(k string, v any) map[string]any {
			in := map[string]any{"customerId": custA.ID, "channel": "CALL", "summary": "ok"}
			if v == nil {
				delete(in, k)
			} else {
				in[k] = v
			}
			return in
		}
		before := dbState(t, env)
		for _, tc := range []struct {
			name, who   string
			in          map[string]any
			code, field string
		}{
			{"sentiment 3", "agentA", base("sentiment", 3), retain.EINVALID, "input.sentiment"},
			{"sentiment -3", "agentA", base("sentiment", -3), retain.EINVALID, "input.sentiment"},
			{"11 years ago", "agentA", base("occurredAt", ts(now.AddDate(-11, 0, 0))), retain.EINVALID, "input.occurredAt"},
			{"2 days ahead", "agentA", base("occurredAt", ts(now.Add(48*time.Hour))), retain.EINVALID, "input.occurredAt"},
			{"negative gift value", "agentA", base("giftValue", -0.01), retain.EINVALID, "input.giftValue"},
			{"empty summary", "agentA", base("summary", ""), retain.EINVALID, "input.summary"},
			{"blank summary", "agentA", base("summary", "   "), retain.EINVALID, "input.summary"},
			{"5001-char summary", "agentA", base("summary", strings.Repeat("话", 5001)), retain.EINVALID, "input.summary"},
			{"unknown channel", "agentA", base("channel", "FAX"), retain.EINVALID, ""},
			{"lower-case channel", "agentA", base("channel", "call"), retain.EINVALID, ""},
			{"negative duration", "agentA", base("durationMinutes", -1), retain.EINVALID, "input.durationMinutes"},
			{"duration over a day", "agentA", base("durationMinutes", 1441), retain.EINVALID, "input.durationMinutes"},
			{"next step due in 6 years", "agentA", base("nextStepDueAt", ts(now.AddDate(6, 0, 0))), retain.EINVALID, "input.nextStepDueAt"},
			{"promise due in 6 years", "agentA", base("promise", map[string]any{"description": "x", "dueAt": ts(now.AddDate(6, 0, 0))}), retain.EINVALID, "input.dueAt"},
			{"promise without description", "agentA", base("promise", map[string]any{"description": " ", "dueAt": ts(now.Add(time.Hour))}), retain.EINVALID, "input.description"},
			{"promise owner of W2", "agentA", base("promise", map[string]any{"description": "x", "dueAt": ts(now.Add(time.Hour)), "ownerId": env.W2.Users["agentA"].ID}), retain.EINVALID, "input.promise.ownerId"},
			{"customer of another agent", "agentA", base("customerId", custB.ID), retain.ENOTFOUND, ""},
			{"customer of another workspace", "agentA", base("customerId", custW2.ID), retain.ENOTFOUND, ""},
			{"W1 customer from W2", "W2", base("customerId", custA.ID), retain.ENOTFOUND, ""},
			{"unknown customer", "agentA", base("customerId", db.NewID()), retain.ENOTFOUND, ""},
			{"garbage customer id", "agentA", base("customerId", "42"), retain.ENOTFOUND, ""},
			{"viewer", "viewer", base("summary", "viewer"), retain.EFORBIDDEN, ""},
			{"anonymous", "", base("summary", "anon"), retain.EUNAUTHENTICATED, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				k := tok[tc.who]
				if tc.who == "W2" {
					k = w2
				}
				wantErr(t, gql(t, env, k, logInteractionMut, map[string]any{"in": tc.in}), tc.code, tc.field)
			})
		}
		unchanged(t, env, before)
	})

	t.Run("5000-char summary is accepted", func(t *testing.T) {
		got := logInteraction(t, env, tok["agentA"], map[string]any{"customerId": custA.ID, "channel": "EMAIL", "summary": strings.Repeat("话", 5000)})
		if len([]rune(got.Summary)) != 5000 {
			t.Errorf("summary has %d characters", len([]rune(got.Summary)))
		}
	})
}

const timelineQuery = `query($id:ID!,$first:Int,$after:String){customer(id:$id){timeline(first:$first,after:$after){
  edges{cursor node{kind at id interaction{id} stageChange{id toStage reason} complaint{id} promise{id} alert{id kind}}}
  pageInfo{hasNextPage endCursor}}}}`

type timelineNode struct {
	Kind, At, ID string
	Interaction  *idOf
	StageChange  *struct{ ID, ToStage, Reason string }
	Complaint    *idOf
	Promise      *idOf
	Alert        *struct{ ID, Kind string }
}

type timelinePage struct {
	Edges []struct {
		Cursor string
		Node   timelineNode
	}
	PageInfo struct {
		HasNextPage bool
		EndCursor   *string
	}
}

func readTimeline(t testing.TB, env *servertest.Env, tok, id string, first int, after *string) timelinePage {
	t.Helper()
	var out struct {
		Customer struct{ Timeline timelinePage }
	}
	mustOK(t, gql(t, env, tok, timelineQuery, map[string]any{"id": id, "first": first, "after": after}), &out)
	return out.Customer.Timeline
}

func TestTimeline(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	tok := tokens(t, env, w)
	w2 := login(t, env, env.W2, "admin")
	c := seedCustomer(t, env, w, "Timeline", "agentA")
	step := func() { env.Clock.Advance(15 * time.Second) }
	lr := lossReasonIDs(t, env, tok["admin"])

	// A history touching every kind, each event at its own instant.
	want := map[string]int{"STAGE_CHANGE": 1} // "created"
	for i := range 4 {
		step()
		logInteraction(t, env, tok["agentA"], map[string]any{"customerId": c.ID, "channel": "CALL", "summary": "call " + string(rune('a'+i))})
		want["INTERACTION"]++
	}
	step()
	var p struct {
		CreatePromise struct {
			ID      string
			Version int
		}
	}
	mustOK(t, gql(t, env, tok["agentA"], `mutation($c:ID!,$d:Time!){createPromise(input:{customerId:$c,description:"rebate",dueAt:$d}){id version}}`,
		map[string]any{"c": c.ID, "d": ts(env.Clock.Now().Add(72 * time.Hour))}), &p)
	want["PROMISE"]++
	step()
	mustOK(t, gql(t, env, tok["agentA"], `mutation($id:ID!,$v:Int!){resolvePromise(id:$id,version:$v,status:BROKEN){id}}`,
		map[string]any{"id": p.CreatePromise.ID, "v": p.CreatePromise.Version}), nil)
	step()
	mustOK(t, gql(t, env, tok["agentA"], `mutation($c:ID!){openComplaint(input:{customerId:$c,category:QUALITY,severity:CRITICAL,description:"broken"}){id}}`,
		map[string]any{"c": c.ID}), nil)
	want["COMPLAINT"]++
	step()
	var cv struct{ Customer struct{ Version int } }
	mustOK(t, gql(t, env, tok["agentA"], `query($id:ID!){customer(id:$id){version}}`, map[string]any{"id": c.ID}), &cv)
	mustOK(t, gql(t, env, tok["agentA"], `mutation($in:ChangeStageInput!){changeStage(input:$in){id}}`,
		map[string]any{"in": map[string]any{"customerId": c.ID, "version": cv.Customer.Version, "to": "LOST", "reason": "went to Acme", "lossReasonId": lr["COMPETITOR"]}}), nil)
	want["STAGE_CHANGE"]++
	step()
	logInteraction(t, env, tok["agentA"], map[string]any{"customerId": c.ID, "channel": "VISIT", "summary": "last visit"})
	want["INTERACTION"]++
	want["ALERT"] = sqlInt(t, env, "SELECT count(*) FROM alerts WHERE customer_id = ?", c.ID)
	if want["ALERT"] < 2 { // PROMISE_BROKEN and CRITICAL_COMPLAINT at least
		t.Fatalf("alerts = %d, want at least 2", want["ALERT"])
	}
	total := 0
	for _, n := range want {
		total += n
	}
	tok["agentA"] = login(t, env, w, "agentA")

	all := readTimeline(t, env, tok["agentA"], c.ID, 100, nil)
	t.Run("merges every kind, newest first", func(t *testing.T) {
		if len(all.Edges) != total || all.PageInfo.HasNextPage {
			t.Fatalf("timeline has %d entries (next %v), want %d", len(all.Edges), all.PageInfo.HasNextPage, total)
		}
		got := map[string]int{}
		for i, e := range all.Edges {
			n := e.Node
			got[n.Kind]++
			set := map[string]bool{"INTERACTION": n.Interaction != nil, "STAGE_CHANGE": n.StageChange != nil, "COMPLAINT": n.Complaint != nil,
				"PROMISE": n.Promise != nil, "ALERT": n.Alert != nil}
			for k, ok := range set {
				if ok != (k == n.Kind) {
					t.Errorf("entry %d (%s): %s set = %v", i, n.Kind, k, ok)
				}
			}
			if i > 0 {
				prev := all.Edges[i-1].Node
				if pa, a := parseTime(t, prev.At), parseTime(t, n.At); a.After(pa) || (a.Equal(pa) && n.ID > prev.ID) {
					t.Errorf("entry %d (%s %s) is newer than entry %d (%s %s)", i, n.Kind, n.At, i-1, prev.Kind, prev.At)
				}
			}
		}
		for k, n := range want {
			if got[k] != n {
				t.Errorf("%s entries = %d, want %d", k, got[k], n)
			}
		}
		if first := all.Edges[0].Node; first.Kind != "INTERACTION" {
			t.Errorf("newest entry is %s, want the last visit", first.Kind)
		}
		if last := all.Edges[len(all.Edges)-1].Node; last.Kind != "STAGE_CHANGE" || last.StageChange.Reason != "created" {
			t.Errorf("oldest entry = %+v, want the creation", last)
		}
		var lost bool
		for _, e := range all.Edges {
			lost = lost || (e.Node.StageChange != nil && e.Node.StageChange.ToStage == "LOST" && e.Node.StageChange.Reason == "went to Acme")
		}
		if !lost {
			t.Error("the move to LOST is missing from the timeline")
		}
	})

	t.Run("cursor pages: no duplicate, no gap", func(t *testing.T) {
		var ids []string
		var after *string
		pages := 0
		for {
			pg := readTimeline(t, env, tok["agentA"], c.ID, 3, after)
			pages++
			if len(pg.Edges) == 0 || len(pg.Edges) > 3 {
				t.Fatalf("page %d has %d entries", pages, len(pg.Edges))
			}
			for _, e := range pg.Edges {
				ids = append(ids, e.Node.ID)
			}
			if pg.PageInfo.EndCursor == nil || *pg.PageInfo.EndCursor != pg.Edges[len(pg.Edges)-1].Cursor {
				t.Errorf("page %d: endCursor %v is not the last edge's cursor", pages, pg.PageInfo.EndCursor)
			}
			if !pg.PageInfo.HasNextPage {
				break
			}
			after = pg.PageInfo.EndCursor
			if pages > 10 {
				t.Fatal("pagination does not end")
			}
		}
		if pages < 3 {
			t.Errorf("only %d pages", pages)
		}
		var allIDs []string
		for _, e := range all.Edges {
			allIDs = append(allIDs, e.Node.ID)
		}
		if !slices.Equal(ids, allIDs) {
			t.Errorf("paged ids differ from one page:\npaged %v\nwhole %v", ids, allIDs)
		}
	})

	t.Run("the team reads it, others do not", func(t *testing.T) {
		for _, who := range []string{"manager", "viewer", "admin"} {
			if pg := readTimeline(t, env, tok[who], c.ID, 100, nil); len(pg.Edges) != total {
				t.Errorf("%s sees %d entries, want %d", who, len(pg.Edges), total)
			}
		}
		for _, k := range []string{w2, tok["agentB"], tok["agentC"]} {
			r := gql(t, env, k, timelineQuery, map[string]any{"id": c.ID, "first": 5})
			wantErr(t, r, retain.ENOTFOUND, "")
		}
	})

	t.Run("bad page arguments", func(t *testing.T) {
		bad := "bm90LWEtY3Vyc29y"
		wantErr(t, gql(t, env, tok["agentA"], timelineQuery, map[string]any{"id": c.ID, "first": 5, "after": bad}), retain.EINVALID, "")
		wantErr(t, gql(t, env, tok["agentA"], timelineQuery, map[string]any{"id": c.ID, "first": 0}), retain.EINVALID, "")
		wantErr(t, gql(t, env, tok["agentA"], timelineQuery, map[string]any{"id": c.ID, "first": 101}), retain.EINVALID, "")
	})
}
