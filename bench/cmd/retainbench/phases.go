package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/uptrace/bun"
)

type alertingResult struct {
	Runs  []result           `json:"runs"`
	Ratio map[string]float64 `json:"ratio_on_to_off"`
}

// benchAlerting measures logInteraction with alerting switched off
// (RETAIN_ALERTING=false: no alerts, no outbox, nothing for the bus) and on.
func benchAlerting(ctx context.Context, o options, dsn string, bench *bun.DB, rep *report) error {
	res := alertingResult{Ratio: map[string]float64{}}
	thr := map[string]float64{}
	for _, mode := range []string{"off", "on", "off", "on"} {
		srv, err := startServer("server-alerting-"+mode, dsn, "RETAIN_ALERTING="+map[string]string{"on": "true", "off": "false"}[mode])
		if err != nil {
			return err
		}
		httpc := newHTTPClient(32)
		w, err := signIn(ctx, srv, httpc, bench, "agent3@retain.demo")
		if err != nil {
			srv.stop()
			return err
		}
		for _, c := range []int{16} {
			r := run("logInteraction, alerting "+mode, c, o.warmup, o.duration, srv, func(ctx context.Context, k, i int) error {
				return w.do(ctx, logInteraction, map[string]any{"c": w.pick(k, 16, i), "s": "Alerting benchmark"}, nil)
			})
			res.Runs = append(res.Runs, r)
			thr[fmt.Sprintf("c%d-%s", c, mode)] += r.Throughput
		}
		srv.stop()
	}
	for _, c := range []int{16} {
		if off := thr[fmt.Sprintf("c%d-off", c)]; off > 0 {
			res.Ratio[fmt.Sprintf("clients=%d", c)] = round2(thr[fmt.Sprintf("c%d-on", c)] / off)
		}
	}
	logf("  ratio on/off: %v", res.Ratio)
	rep.Alerting = res
	return nil
}

type smallResult struct {
	Runs   []result           `json:"runs"`
	Ratios map[string]float64 `json:"ratios_big_to_small"`
}

// benchSmall runs the same list page on the 10,000-customer database and on
// the 1,000,000-customer one, back to back.
func benchSmall(ctx context.Context, o options, bigDSN, smallDSN string, rep *report) error {
	res := smallResult{Ratios: map[string]float64{}}
	byKey := map[string]result{}
	// Alternating 10k, 1M, 10k, 1M evens out drift on a shared machine; the
	// figures of the two runs of each are added up.
	for _, ds := range []struct{ name, dsn string }{{"10k", smallDSN}, {"1M", bigDSN}, {"10k", smallDSN}, {"1M", bigDSN}} {
		srv, err := startServer("server-"+ds.name, ds.dsn)
		if err != nil {
			return err
		}
		d := openDB(ds.dsn, 2)
		reader, err := signIn(ctx, srv, newHTTPClient(32), d, "agent1@retain.demo")
		d.Close()
		if err != nil {
			srv.stop()
			return err
		}
		for _, c := range []int{4, 16} {
			r := run("list page at "+ds.name, c, o.warmup, o.duration, srv, func(ctx context.Context, _, _ int) error {
				var out struct {
					Customers struct {
						Edges []struct{ Node struct{ ID string } }
					}
				}
				if err := reader.do(ctx, listQuery, map[string]any{"owner": reader.id}, &out); err != nil {
					return err
				}
				if len(out.Customers.Edges) == 0 {
					return fmt.Errorf("empty list page")
				}
				return nil
			})
			res.Runs = append(res.Runs, r)
			k := fmt.Sprintf("%s-%d", ds.name, c)
			if prev, ok := byKey[k]; ok {
				// Combine: requests add up; latencies are averaged.
				r.Throughput = round2((r.Throughput + prev.Throughput) / 2)
				r.P50, r.P99 = round2((r.P50+prev.P50)/2), round2((r.P99+prev.P99)/2)
			}
			byKey[k] = r
		}
		srv.stop()
	}
	for _, c := range []int{4, 16} {
		big, small := byKey[fmt.Sprintf("1M-%d", c)], byKey[fmt.Sprintf("10k-%d", c)]
		if small.P50 > 0 && big.Throughput > 0 {
			res.Ratios[fmt.Sprintf("p50 clients=%d", c)] = round2(big.P50 / small.P50)
			res.Ratios[fmt.Sprintf("p99 clients=%d", c)] = round2(big.P99 / small.P99)
			res.Ratios[fmt.Sprintf("time per request clients=%d", c)] = round2(small.Throughput / big.Throughput)
		}
	}
	logf("  ratios 1M/10k: %v", res.Ratios)
	rep.Small = res
	return nil
}

// explainAll records EXPLAIN ANALYZE of each workload's main statements,
// written as the services issue them.
func explainAll(ctx context.Context, bench *bun.DB, rep *report) error {
	var ws, agent, admin, customer string
	if err := bench.QueryRowContext(ctx, "SELECT workspace_id, id FROM users WHERE email = 'agent1@retain.demo'").Scan(&ws, &agent); err != nil {
		return err
	}
	if err := bench.QueryRowContext(ctx, "SELECT id FROM users WHERE email = 'admin@retain.demo'").Scan(&admin); err != nil {
		return err
	}
	if err := bench.QueryRowContext(ctx, "SELECT id FROM customers WHERE owner_id = ? ORDER BY risk_score DESC LIMIT 1", agent).Scan(&customer); err != nil {
		return err
	}
	q := func(s string) string {
		r := strings.NewReplacer("$WS", "'"+ws+"'::uuid", "$AGENT", "'"+agent+"'::uuid", "$CUSTOMER", "'"+customer+"'::uuid")
		return r.Replace(s)
	}
	stmts := []struct{ name, sql string }{
		{"list page: the page (CustomerService.FindCustomers, agent, ownerIds filter)", q(`SELECT c.* FROM customers AS c
WHERE c.workspace_id = $WS AND c.archived_at IS NULL AND (c.owner_id = $AGENT OR c.backup_owner_id = $AGENT) AND c.owner_id IN ($AGENT)
ORDER BY c.risk_score DESC, c.id DESC LIMIT 51`)},
		{"list page: open complaint counts (dataloader, CountOpenComplaints)", q(`SELECT k.customer_id, count(*) AS n FROM complaints AS k
WHERE k.workspace_id = $WS AND k.customer_id IN (SELECT c.id FROM customers c WHERE c.owner_id = $AGENT AND c.archived_at IS NULL ORDER BY c.risk_score DESC, c.id DESC LIMIT 50)
AND k.status IN ('OPEN','ACKNOWLEDGED','REMEDIATING') GROUP BY k.customer_id`)},
		{"list page: bare SQL floor", strings.ReplaceAll(strings.ReplaceAll(listSQL, "?0", "'"+ws+"'::uuid"), "?1", "'"+agent+"'::uuid")},
		{"customer page: timeline", q(`SELECT kind, at, id FROM (
  SELECT 'INTERACTION' AS kind, occurred_at AS at, id FROM interactions WHERE customer_id = $CUSTOMER
  UNION ALL SELECT 'STAGE_CHANGE', occurred_at, id FROM stage_changes WHERE customer_id = $CUSTOMER
  UNION ALL SELECT 'COMPLAINT', opened_at, id FROM complaints WHERE customer_id = $CUSTOMER
  UNION ALL SELECT 'PROMISE', created_at, id FROM promises WHERE customer_id = $CUSTOMER
  UNION ALL SELECT 'ALERT', created_at, id FROM alerts WHERE customer_id = $CUSTOMER
) t WHERE (t.at, t.id) < ('9999-01-01'::timestamptz, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)
ORDER BY t.at DESC, t.id DESC LIMIT 21`)},
		{"search (admin, English): CustomerService.FindCustomers with filter.search", q(`SELECT c.* FROM customers AS c
WHERE c.workspace_id = $WS AND c.archived_at IS NULL AND TRUE AND ((c.name || ' ' || c.company || ' ' || c.email || ' ' || c.phone) ILIKE '%Northwind%'
  OR EXISTS (SELECT 1 FROM contacts ct WHERE ct.customer_id = c.id AND (ct.name || ' ' || ct.email || ' ' || ct.phone || ' ' || ct.wechat) ILIKE '%Northwind%'))
ORDER BY c.risk_score DESC, c.id DESC LIMIT 21`)},
		{"search (admin, Chinese)", q(`SELECT c.* FROM customers AS c
WHERE c.workspace_id = $WS AND c.archived_at IS NULL AND TRUE AND ((c.name || ' ' || c.company || ' ' || c.email || ' ' || c.phone) ILIKE '%恒通%'
  OR EXISTS (SELECT 1 FROM contacts ct WHERE ct.customer_id = c.id AND (ct.name || ' ' || ct.email || ' ' || ct.phone || ' ' || ct.wechat) ILIKE '%恒通%'))
ORDER BY c.risk_score DESC, c.id DESC LIMIT 21`)},
	}
	for _, s := range stmts {
		plan, err := explain(ctx, bench, s.sql)
		if err != nil {
			return fmt.Errorf("explain %s: %w", s.name, err)
		}
		rep.Explain = append(rep.Explain, explained{Name: s.name, SQL: s.sql, Plan: plan})
	}
	return explainSignals(ctx, bench, ws, customer, rep)
}

func explain(ctx context.Context, d bun.IDB, query string, args ...any) (string, error) {
	rows, err := d.QueryContext(ctx, "EXPLAIN (ANALYZE, BUFFERS) "+query, args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "", err
		}
		b.WriteString(line + "\n")
	}
	return b.String(), rows.Err()
}

type explained struct {
	Name string `json:"name"`
	SQL  string `json:"sql"`
	Plan string `json:"plan"`
}
