package db

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
)

// newestFirst pages a query built on Model(rows), newest first on
// (timeCol, idCol): it applies the cursor, fetches one row more than the
// page to learn whether another page follows, and returns each row's cursor.
func newestFirst[T any](ctx context.Context, q *bun.SelectQuery, rows *[]T, p retain.Page, timeCol, idCol string, key func(T) timeCursor) ([]string, bool, error) {
	if p.After != "" {
		var cur timeCursor
		if err := decodeTimeCursor(p.After, &cur); err != nil {
			return nil, false, err
		}
		q = q.Where("("+timeCol+", "+idCol+") < (?, ?::uuid)", cur.At, cur.ID)
	}
	if err := q.OrderExpr(timeCol + " DESC, " + idCol + " DESC").Limit(p.First + 1).Scan(ctx); err != nil {
		return nil, false, translate(err)
	}
	hasNext := len(*rows) > p.First
	if hasNext {
		*rows = (*rows)[:p.First]
	}
	cursors := make([]string, len(*rows))
	for i, r := range *rows {
		cursors[i] = encodeTimeCursor(key(r))
	}
	return cursors, hasNext, nil
}
