package db

import "context"

type alertingKey struct{}

// withAlerting records on a transaction's context whether alerts are raised
// and events queued; DB.AlertingOff turns it off for the write benchmark
// (alerting on versus off, RETAIN_ALERTING=false) while scores stay fresh.
func withAlerting(ctx context.Context, on bool) context.Context {
	return context.WithValue(ctx, alertingKey{}, on)
}

// alerting reports whether the transaction raises alerts and queues events;
// it is on unless the database handle turned it off.
func alerting(ctx context.Context) bool {
	on, ok := ctx.Value(alertingKey{}).(bool)
	return !ok || on
}

// SignalsQuery returns the risk signals statement for the given customers
// (ids), or for the id range (after, through] when ids is nil, with its
// arguments after now and the workspace; for EXPLAIN in the benchmark.
func SignalsQuery(ids []string, after, through string) (string, []any) {
	return signalsQuery(customerSet{IDs: ids, After: after, Through: through})
}
