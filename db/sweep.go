package db

import (
	"context"
	"log/slog"
	"time"

	"github.com/uptrace/bun"
)

// SweepService rescores customers whose risk may have moved with time alone:
// contact becoming overdue, response deadlines and promise due dates
// passing. It writes only the scores that changed.
type SweepService struct {
	DB  *DB
	Log *slog.Logger
	// ChunkSize is how many customers one transaction rescores.
	ChunkSize int
}

// Sweep rescores every live customer, chunk by chunk in id order.
func (s *SweepService) Sweep(ctx context.Context) (scanned, changed int, err error) {
	var workspaces []string
	if err := s.DB.NewSelect().TableExpr("workspaces").Column("id").Order("id").Scan(ctx, &workspaces); err != nil {
		return 0, 0, err
	}
	chunk := s.ChunkSize
	if chunk == 0 {
		chunk = 1000
	}
	for _, ws := range workspaces {
		after := "00000000-0000-0000-0000-000000000000"
		for {
			var ids []string
			if err := s.DB.NewSelect().TableExpr("customers").Column("id").
				Where("workspace_id = ? AND archived_at IS NULL AND id > ?", ws, after).
				Order("id").Limit(chunk).Scan(ctx, &ids); err != nil {
				return scanned, changed, err
			}
			if len(ids) == 0 {
				break
			}
			after = ids[len(ids)-1]
			err := s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
				res, err := rescore(ctx, tx, ws, ids, s.DB.now())
				for _, r := range res {
					if r.changed {
						changed++
					}
				}
				return err
			})
			if err != nil {
				return scanned, changed, err
			}
			scanned += len(ids)
		}
	}
	return scanned, changed, nil
}

// Run sweeps every interval until ctx ends. Replicas take turns through an
// advisory lock so one sweep runs at a time.
func (s *SweepService) Run(ctx context.Context, interval time.Duration) error {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		if err := s.sweepLocked(ctx); err != nil && ctx.Err() == nil {
			s.Log.Error("risk sweep", "error", err)
		}
	}
}

func (s *SweepService) sweepLocked(ctx context.Context) error {
	conn, err := s.DB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var got bool
	if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock(7007003)").Scan(&got); err != nil || !got {
		return err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(7007003)")
	start := time.Now()
	scanned, changed, err := s.Sweep(ctx)
	s.Log.Info("risk sweep", "customers", scanned, "changed", changed, "took", time.Since(start).Round(time.Millisecond))
	return err
}
