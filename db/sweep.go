package db

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/uptrace/bun"
)

// SweepService rescores customers whose risk may have moved with time alone:
// contact becoming overdue, response deadlines and promise due dates
// passing. It writes only the scores that changed.
//
// A sweep walks a workspace's customers in id order, a chunk at a time. Each
// chunk is one set-based statement (signalsSQL over an id range: every
// child table aggregated once, through its customer_id index), scored in Go
// and written with one statement for the changed scores (plus one for
// alerts, if any). Two readers fetch chunks in parallel while the caller
// scores and writes the previous ones, so PostgreSQL and Go keep the cores
// busy.
type SweepService struct {
	DB  *DB
	Log *slog.Logger
	// ChunkSize is how many customers one statement covers (default 20,000).
	ChunkSize int
	// Readers is how many chunks are read at once (default 2).
	Readers int
	// Quiet scores without history or bus events (the seed: its generated
	// past is not news); alerts are still stored.
	Quiet bool
}

// SweepStats describe one sweep.
type SweepStats struct {
	Scanned, Changed, Alerts int
	// Read is the time spent waiting for signals, Write writing changes
	// (overlapped with reading and scoring).
	Read, Write time.Duration
}

// Sweep rescores every live customer.
func (s *SweepService) Sweep(ctx context.Context) (scanned, changed int, err error) {
	st, err := s.SweepAt(ctx, s.DB.now())
	return st.Scanned, st.Changed, err
}

type sweepChunk struct {
	rows    []signalRow
	changes []*scoreChange
	err     error
}

// SweepAt rescores every live customer as of now.
func (s *SweepService) SweepAt(ctx context.Context, now time.Time) (SweepStats, error) {
	var st SweepStats
	var workspaces []string
	if err := s.DB.NewSelect().TableExpr("workspaces").Column("id").Order("id").Scan(ctx, &workspaces); err != nil {
		return st, err
	}
	for _, ws := range workspaces {
		if err := s.sweepWorkspace(ctx, ws, now, &st); err != nil {
			return st, err
		}
	}
	return st, nil
}

func (s *SweepService) sweepWorkspace(ctx context.Context, ws string, now time.Time, st *SweepStats) error {
	chunk := s.ChunkSize
	if chunk == 0 {
		chunk = 20_000
	}
	readers := s.Readers
	if readers == 0 {
		readers = 2
	}
	pol, err := loadPolicy(ctx, s.DB, ws)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type idRange struct{ after, through string }
	ranges := make(chan idRange)
	chunks := make(chan sweepChunk, readers)
	// The boundaries of the chunks, in id order (cheap: an index-only scan).
	go func() {
		defer close(ranges)
		after := "00000000-0000-0000-0000-000000000000"
		for {
			var through []string
			if err := s.DB.NewSelect().TableExpr("customers").Column("id").
				Where("workspace_id = ? AND id > ?", ws, after).Order("id").Offset(chunk-1).Limit(1).Scan(ctx, &through); err != nil {
				select {
				case chunks <- sweepChunk{err: err}:
				case <-ctx.Done():
				}
				return
			}
			last := len(through) == 0
			if last {
				through = []string{"ffffffff-ffff-ffff-ffff-ffffffffffff"}
			}
			select {
			case ranges <- idRange{after, through[0]}:
			case <-ctx.Done():
				return
			}
			if last {
				return
			}
			after = through[0]
		}
	}()
	// Readers run the signals statement of one chunk each, in parallel.
	var wg sync.WaitGroup
	for range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range ranges {
				rows, err := readSignals(ctx, s.DB, ws, customerSet{After: r.after, Through: r.through}, now)
				select {
				case chunks <- sweepChunk{rows: rows, err: err}:
				case <-ctx.Done():
					return
				}
				if err != nil {
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(chunks)
	}()
	// A writer applies each chunk's changes in its own transaction while the
	// caller scores the next chunk and the readers fetch further ones.
	writes := make(chan []*scoreChange, 1)
	writeErr := make(chan error, 1)
	go func() {
		var err error
		for changes := range writes {
			if err != nil {
				continue // drain after a failure
			}
			began := time.Now()
			err = s.DB.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
				updated, kept, err := applyChanges(ctx, tx, ws, changes, now, s.Quiet)
				st.Changed += len(updated)
				st.Alerts += len(kept)
				return err
			})
			st.Write += time.Since(began)
		}
		writeErr <- err
	}()
	finish := func(err error) error {
		close(writes)
		if werr := <-writeErr; err == nil {
			err = werr
		}
		return err
	}
	for {
		waited := time.Now()
		c, ok := <-chunks
		st.Read += time.Since(waited)
		if !ok {
			return finish(nil)
		}
		if c.err != nil {
			return finish(c.err)
		}
		st.Scanned += len(c.rows)
		for i := range c.rows {
			if ch := assess(&c.rows[i], pol, now); ch != nil {
				c.changes = append(c.changes, ch)
			}
		}
		if len(c.changes) > 0 {
			select {
			case writes <- c.changes:
			case <-ctx.Done():
				return finish(ctx.Err())
			}
		}
	}
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
	st, err := s.SweepAt(ctx, s.DB.now())
	s.Log.Info("risk sweep", "customers", st.Scanned, "changed", st.Changed, "alerts", st.Alerts, "took", time.Since(start).Round(time.Millisecond))
	return err
}
