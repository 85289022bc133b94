package db

import (
	"context"
	"fmt"
	"time"
)

// OwnershipQuery exposes the bus's ownership lookup to the plan test.
var OwnershipQuery = ownershipQuery

// InteractionSignals reads the interaction signals (latest sentiments and
// competitor mentions) of the workspace's customers two ways: as a write's
// rescore reads them (per customer) and as the sweep's chunk does.
func InteractionSignals(ctx context.Context, d *DB, workspaceID string, ids []string, now time.Time) (perCustomer, byChunk map[string]string, err error) {
	summarize := func(rows []signalRow) map[string]string {
		out := map[string]string{}
		for _, r := range rows {
			out[r.ID] = fmt.Sprint(r.Sentiments, " ", r.Mentions90d)
		}
		return out
	}
	one, err := readSignals(ctx, d, workspaceID, customerSet{IDs: ids}, now)
	if err != nil {
		return nil, nil, err
	}
	chunk, err := readSignals(ctx, d, workspaceID, customerSet{After: "00000000-0000-0000-0000-000000000000", Through: "ffffffff-ffff-ffff-ffff-ffffffffffff"}, now)
	if err != nil {
		return nil, nil, err
	}
	return summarize(one), summarize(chunk), nil
}
