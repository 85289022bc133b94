package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain/db"
)

type sweepRun struct {
	Name      string  `json:"name"`
	At        string  `json:"at"`
	Seconds   float64 `json:"seconds"`
	Scanned   int     `json:"scanned"`
	Changed   int     `json:"changed"`
	ChangedPc float64 `json:"changed_percent"`
	Alerts    int     `json:"alerts"`
	ReadWait  float64 `json:"read_wait_seconds"`
	Write     float64 `json:"write_seconds"`
	Ratio     float64 `json:"ratio_to_floor"`
}

type sweepResult struct {
	FloorSeconds       float64    `json:"floor_seconds"`
	FloorRuns          []float64  `json:"floor_runs"`
	InteractionsAggSec float64    `json:"interactions_groupby_seconds"`
	Runs               []sweepRun `json:"runs"`
	Target             string     `json:"target"`
}

func benchDB(bench *bun.DB) *db.DB {
	return &db.DB{DB: bench, Now: time.Now, Log: slog.Default(), Events: make(chan struct{}, 1)}
}

// ensureScored scores customers a seed left unscored (an older seed).
func ensureScored(ctx context.Context, bench *bun.DB) error {
	var scored bool
	if err := bench.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM customers WHERE risk_updated_at IS NOT NULL)").Scan(&scored); err != nil {
		return err
	}
	if scored {
		return nil
	}
	logf("scoring the customers of a seed that did not (quiet sweep)")
	_, err := (&db.SweepService{DB: benchDB(bench), Log: slog.Default(), Quiet: true}).SweepAt(ctx, time.Now())
	return err
}

func demoWorkspace(ctx context.Context, bench *bun.DB) (string, error) {
	var ws string
	err := bench.QueryRowContext(ctx, "SELECT id FROM workspaces WHERE slug = 'demo'").Scan(&ws)
	return ws, err
}

// benchSweep measures the full sweep against the bare aggregation of the
// same signals over the same tables, in the same run.
func benchSweep(ctx context.Context, bench *bun.DB) (sweepResult, error) {
	res := sweepResult{Target: "sweep ≤ 2× the bare SQL aggregation when ≤ 5 % of scores change"}
	ws, err := demoWorkspace(ctx, bench)
	if err != nil {
		return res, err
	}
	d := benchDB(bench)
	s := &db.SweepService{DB: d, Log: slog.Default()}
	t0 := time.Now().UTC().Truncate(time.Second)
	floor := func() error {
		start := time.Now()
		var n int
		if err := bench.QueryRowContext(ctx, db.SignalsFloorSQL(), t0, ws).Scan(&n); err != nil {
			return err
		}
		sec := round2(time.Since(start).Seconds())
		res.FloorRuns = append(res.FloorRuns, sec)
		logf("  floor: signals aggregation over %d customers: %.2f s", n, sec)
		return nil
	}
	sweep := func(name string, at time.Time) error {
		start := time.Now()
		st, err := s.SweepAt(ctx, at)
		if err != nil {
			return err
		}
		r := sweepRun{Name: name, At: at.Format(time.RFC3339), Seconds: round2(time.Since(start).Seconds()), Scanned: st.Scanned,
			Changed: st.Changed, Alerts: st.Alerts, ReadWait: round2(st.Read.Seconds()), Write: round2(st.Write.Seconds())}
		if st.Scanned > 0 {
			r.ChangedPc = round2(100 * float64(st.Changed) / float64(st.Scanned))
		}
		res.Runs = append(res.Runs, r)
		logf("  sweep %-34s %.2f s, %d scanned, %d changed (%.2f %%), %d alerts (waited for reads %.2f s, wrote %.2f s)",
			name, r.Seconds, r.Scanned, r.Changed, r.ChangedPc, r.Alerts, r.ReadWait, r.Write)
		return nil
	}
	// Bring every score to t0 first (whatever time passed since the last run).
	if err := sweep("catch-up to now", t0); err != nil {
		return res, err
	}
	if err := floor(); err != nil {
		return res, err
	}
	if err := sweep("one hour later (few changes)", t0.Add(time.Hour)); err != nil {
		return res, err
	}
	if err := floor(); err != nil {
		return res, err
	}
	if err := sweep("a day later (most change)", t0.Add(25*time.Hour)); err != nil {
		return res, err
	}
	start := time.Now()
	var n int
	if err := bench.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT customer_id, max(occurred_at) FROM interactions GROUP BY customer_id) s").Scan(&n); err == nil {
		res.InteractionsAggSec = round2(time.Since(start).Seconds())
		logf("  context: max(occurred_at) GROUP BY customer_id over interactions: %.2f s", res.InteractionsAggSec)
	}
	res.FloorSeconds = res.FloorRuns[0]
	for _, f := range res.FloorRuns {
		res.FloorSeconds = min(res.FloorSeconds, f)
	}
	for i := range res.Runs {
		res.Runs[i].Ratio = round2(res.Runs[i].Seconds / res.FloorSeconds)
	}
	// The sweeps above queued bus events for servers that are not running;
	// they would only delay the next server's start.
	_, err = bench.ExecContext(ctx, "DELETE FROM event_outbox")
	return res, err
}
