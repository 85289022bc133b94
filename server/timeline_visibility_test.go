package server_test

import (
	"testing"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/db"
	"github.com/retain-crm/retain/server/servertest"
)

// TestTimelineVisibility calls the timeline service directly, below the
// customer query that normally guards it, for every kind of actor: its
// prepared statement carries the visibility rule itself.
func TestTimelineVisibility(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	w := env.W1
	c := seedCustomer(t, env, w, retain.CustomerInput{Name: "Timeline probe", OwnerID: w.Users["agentA"].ID})
	activity := &db.ActivityService{DB: env.DB}
	for range 3 {
		if _, err := activity.LogInteraction(w.Actor("agentA"), retain.InteractionInput{CustomerID: c.ID, Channel: retain.Channel("CALL"), Summary: "Called"}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		who     string
		actor   func() *servertest.Workspace
		entries int
	}{
		{"admin", func() *servertest.Workspace { return env.W1 }, 3},
		{"manager", func() *servertest.Workspace { return env.W1 }, 3},
		{"viewer", func() *servertest.Workspace { return env.W1 }, 3},
		{"agentA", func() *servertest.Workspace { return env.W1 }, 3},
		{"agentB", func() *servertest.Workspace { return env.W1 }, -1},
		{"agentC", func() *servertest.Workspace { return env.W1 }, -1},
		{"admin", func() *servertest.Workspace { return env.W2 }, -1},
	} {
		ws := tc.actor()
		name := tc.who
		if ws == env.W2 {
			name = "other workspace's admin"
		}
		t.Run(name, func(t *testing.T) {
			_, err := activity.Timeline(ws.Actor(tc.who), c.ID, retain.Page{First: 2})
			if tc.entries < 0 {
				if retain.ErrorCode(err) != retain.ENOTFOUND {
					t.Fatalf("err = %v, want NOT_FOUND", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			all, err := activity.Timeline(ws.Actor(tc.who), c.ID, retain.Page{First: 50})
			if err != nil || len(all.Entries) < tc.entries {
				t.Fatalf("whole timeline: %v, %v", all, err)
			}
			// Pages of two walk the same entries: the cursor works under the rule too.
			var walked []string
			for after := ""; ; {
				page, err := activity.Timeline(ws.Actor(tc.who), c.ID, retain.Page{First: 2, After: after})
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range page.Entries {
					walked = append(walked, e.ID)
				}
				if !page.HasNextPage {
					break
				}
				after = page.Cursors[len(page.Cursors)-1]
			}
			if len(walked) != len(all.Entries) {
				t.Fatalf("pages walked %d entries, the whole timeline has %d", len(walked), len(all.Entries))
			}
			for i, e := range all.Entries {
				if walked[i] != e.ID {
					t.Fatalf("entry %d: paged %s, whole %s", i, walked[i], e.ID)
				}
			}
		})
	}
}
