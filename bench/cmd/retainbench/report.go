package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain/db"
)

type report struct {
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`
	Phases   string    `json:"phases"`
	Machine  machine   `json:"machine"`
	Data     struct {
		Big   dataset `json:"main"`
		Small dataset `json:"small"`
	} `json:"data"`
	Sweep     sweepResult    `json:"sweep"`
	Workloads []result       `json:"workloads"`
	Alerting  alertingResult `json:"alerting"`
	Small     smallResult    `json:"small_vs_big"`
	Live      liveResult     `json:"live"`
	Profiles  []profileTop   `json:"profiles,omitempty"`
	Explain   []explained    `json:"explain,omitempty"`
}

type machine struct {
	CPU      string `json:"cpu"`
	Cores    int    `json:"cores"`
	MemoryGB int    `json:"memory_gb"`
	Go       string `json:"go"`
	Postgres string `json:"postgres"`
}

func machineInfo() machine {
	m := machine{Cores: runtime.NumCPU(), Go: runtime.Version(), Postgres: "embedded PostgreSQL 18 (@embedded-postgres), shared_buffers 128MB, fsync on"}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		if s := regexp.MustCompile(`(?m)^model name\s*:\s*(.+)$`).FindStringSubmatch(string(b)); s != nil {
			m.CPU = strings.TrimSpace(s[1])
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		fmt.Sscanf(string(b), "MemTotal: %d kB", &kb)
		m.MemoryGB = int((kb + (1 << 19)) >> 20)
	}
	return m
}

// explainSignals explains the risk signals statement for one customer (what
// every write runs) and for one sweep chunk.
func explainSignals(ctx context.Context, bench *bun.DB, ws, customer string, rep *report) error {
	now := time.Now().UTC()
	q, args := db.SignalsQuery([]string{customer}, "", "")
	plan, err := explain(ctx, bench, q, append([]any{now, ws}, args...)...)
	if err != nil {
		return err
	}
	rep.Explain = append(rep.Explain, explained{Name: "writes: risk signals of the customer written (rescore, in every write's transaction)", SQL: q, Plan: plan})
	var through string
	if err := bench.QueryRowContext(ctx, "SELECT coalesce((SELECT id FROM customers WHERE workspace_id = ?0 ORDER BY id OFFSET 19999 LIMIT 1), (SELECT id FROM customers WHERE workspace_id = ?0 ORDER BY id DESC LIMIT 1))", ws).Scan(&through); err != nil {
		return err
	}
	q, args = db.SignalsQuery(nil, "00000000-0000-0000-0000-000000000000", through)
	plan, err = explain(ctx, bench, q, append([]any{now, ws}, args...)...)
	if err != nil {
		return err
	}
	rep.Explain = append(rep.Explain, explained{Name: "sweep: risk signals of one chunk of 20,000 customers", SQL: q, Plan: plan})
	return nil
}

const (
	resultsStart = "<!-- results:start (written by make bench) -->"
	resultsEnd   = "<!-- results:end -->"
)

func writeReport(rep *report, o options) error {
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(inRepo(o.jsonOut), append(b, '\n'), 0o644); err != nil {
		return err
	}
	md := markdown(rep)
	path := inRepo(o.mdOut)
	old, err := os.ReadFile(path)
	if err != nil {
		old = []byte("# Benchmarks\n\n" + resultsStart + "\n" + resultsEnd + "\n")
	}
	s := string(old)
	i, j := strings.Index(s, resultsStart), strings.Index(s, resultsEnd)
	if i < 0 || j < i {
		s += "\n" + resultsStart + "\n" + resultsEnd + "\n"
		i, j = strings.Index(s, resultsStart), strings.Index(s, resultsEnd)
	}
	s = s[:i+len(resultsStart)] + "\n" + md + s[j:]
	return os.WriteFile(path, []byte(s), 0o644)
}

func find(rs []result, name string, c int) result {
	for _, r := range rs {
		if r.Workload == name && r.Clients == c {
			return r
		}
	}
	return result{}
}

func ok(b bool) string {
	if b {
		return "met"
	}
	return "**not met**"
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return round2(a / b)
}

// markdown renders the results section of docs/benchmarks.md.
func markdown(rep *report) string {
	var b strings.Builder
	p := func(f string, a ...any) { fmt.Fprintf(&b, f, a...) }
	m := rep.Machine
	p("\nRun of %s (%s). Machine: %s, %d cores, %d GB RAM, %s; %s. Load generator, servers and PostgreSQL share the machine.\n\n",
		rep.Started.Format("2006-01-02 15:04 UTC"), rep.Phases, m.CPU, m.Cores, m.MemoryGB, m.Go, m.Postgres)
	d := rep.Data.Big
	p("Data (`%s`): %d customers, %d users, %d interactions, %d complaints (%d open), %d promises, %d orders, %d alerts, %.1f GB",
		d.Database, d.Customers, d.Users, d.Interactions, d.Complaints, d.OpenComplaint, d.Promises, d.Orders, d.Alerts, d.SizeGB)
	if d.SeedSeconds > 0 {
		p("; `retain seed` took %.0f s", d.SeedSeconds)
	}
	p(". Small dataset (`%s`): %d customers.\n\n", rep.Data.Small.Database, rep.Data.Small.Customers)

	p("| figure | value | floor / reference (same run) | ratio | target | |\n|---|---|---|---|---|---|\n")
	sw := rep.Sweep
	for _, r := range sw.Runs {
		target, met := "", ""
		switch {
		case strings.HasPrefix(r.Name, "one hour"):
			target, met = "≤ 2× when ≤ 5 % change", ok(r.Ratio <= 2 && r.ChangedPc <= 5)
		case strings.HasPrefix(r.Name, "a day"):
			target, met = "≤ 4× (anchors' full-recompute goal)", ok(r.Ratio <= 4)
		}
		p("| sweep, %s: %d customers, %.2f %% changed | %.2f s | signals aggregation %.2f s | %.2f× | %s | %s |\n",
			r.Name, r.Scanned, r.ChangedPc, r.Seconds, sw.FloorSeconds, r.Ratio, target, met)
	}
	w := rep.Workloads
	for _, c := range []int{4, 16} {
		g, f := find(w, "list page (GraphQL)", c), find(w, "list page (bare SQL floor)", c)
		if g.Requests == 0 {
			continue
		}
		p99 := map[int]float64{4: 12, 16: 30}[c]
		p("| list page, %d clients: throughput | %.0f req/s | bare SQL %.0f req/s | %.2f | ≥ 0.5 | %s |\n", c, g.Throughput, f.Throughput, ratio(g.Throughput, f.Throughput), ok(ratio(g.Throughput, f.Throughput) >= 0.5))
		p("| list page, %d clients: p50 / p99 | %.2f / %.2f ms | bare SQL %.2f / %.2f ms | | p99 ≤ %.0f ms | %s |\n", c, g.P50, g.P99, f.P50, f.P99, p99, ok(g.P99 <= p99))
	}
	for _, c := range []int{4, 16} {
		g := find(w, "customer page (GraphQL)", c)
		if g.Requests == 0 {
			continue
		}
		target, met := "", ""
		if c == 4 {
			target, met = "p99 ≤ 20 ms", ok(g.P99 <= 20)
		}
		p("| customer page, %d clients | %.0f req/s, p50 %.2f / p99 %.2f ms | | | %s | %s |\n", c, g.Throughput, g.P50, g.P99, target, met)
	}
	for _, pair := range [][2]string{{"logInteraction (GraphQL)", "interaction insert (bare SQL)"}, {"openComplaint (GraphQL)", "complaint insert (bare SQL)"}} {
		for _, c := range []int{4, 16} {
			g, f := find(w, pair[0], c), find(w, pair[1], c)
			if g.Requests == 0 {
				continue
			}
			p("| %s, %d clients | %.0f req/s, p50 %.2f / p99 %.2f ms | bare SQL %.0f tx/s | %.2f | ≥ 0.7 | %s |\n", pair[0], c, g.Throughput, g.P50, g.P99,
				f.Throughput, ratio(g.Throughput, f.Throughput), ok(ratio(g.Throughput, f.Throughput) >= 0.7))
		}
	}
	for _, name := range []string{"search English (GraphQL)", "search Chinese (GraphQL)"} {
		for _, c := range []int{4, 16} {
			g := find(w, name, c)
			if g.Requests == 0 {
				continue
			}
			p("| %s, %d clients | %.0f req/s, p50 %.2f / p99 %.2f ms | | | p99 ≤ 50 ms | %s |\n", name, c, g.Throughput, g.P50, g.P99, ok(g.P99 <= 50))
		}
	}
	var maxRSS float64
	for _, r := range w {
		maxRSS = max(maxRSS, r.ServerRSSMB)
	}
	if maxRSS > 0 {
		p("| server memory under load (max RSS, all workloads) | %.0f MB | | | ≤ 300 MB | %s |\n", maxRSS, ok(maxRSS <= 300))
	}
	for k, v := range rep.Alerting.Ratio {
		p("| logInteraction throughput, alerting on ÷ off (%s) | %.2f | | %.2f | ≥ 0.9 | %s |\n", k, v, v, ok(v >= 0.9))
	}
	for _, c := range []int{4, 16} {
		if v, okk := rep.Small.Ratios[fmt.Sprintf("time per request clients=%d", c)]; okk {
			p("| list page at 1M ÷ at 10k customers, %d clients (time per request; p50 %.2f×, p99 %.2f×) | %.2f× | | %.2f | ≤ 1.3 | %s |\n", c,
				rep.Small.Ratios[fmt.Sprintf("p50 clients=%d", c)], rep.Small.Ratios[fmt.Sprintf("p99 clients=%d", c)], v, v, ok(v <= 1.3))
		}
	}
	l := rep.Live
	if l.Subscribers > 0 && l.FramesReceived > 0 {
		p("| commit → websocket frame, %d subscribers on 2 replicas, %d alerts (%d/%d frames) | p50 %.2f / p99 %.2f ms (max %.0f) | | | p99 ≤ 50 ms | %s |\n",
			l.Subscribers, l.Alerts, l.FramesReceived, l.FramesExpected, l.P50, l.P99, l.Max, ok(l.P99 <= 50))
		p("| memory per idle subscribed connection | %.1f KB RSS (%.1f KB Go heap, %.1f goroutines) | | | ≤ 20 KB | %s |\n",
			l.BytesPerConn/1024, l.HeapBytesPerConn/1024, l.GoroutinesPerConn, ok(l.BytesPerConn <= 20*1024))
	}
	p("\nEvery workload (closed loop, warm-up then measurement; CPU from /proc, PostgreSQL's approximate):\n\n| workload | clients | req/s | p50 ms | p99 ms | errors | server CPU (cores) | server CPU ms/request | PostgreSQL CPU (cores) | server max RSS MB |\n|---|---|---|---|---|---|---|---|---|---|\n")
	all := append(append(append([]result{}, rep.Workloads...), rep.Alerting.Runs...), rep.Small.Runs...)
	for _, r := range all {
		p("| %s | %d | %.1f | %.2f | %.2f | %d | %.2f | %.2f | %.2f | %.0f |\n", r.Workload, r.Clients, r.Throughput, r.P50, r.P99, r.Errors, r.ServerCPU,
			ratio(r.ServerCPU*1000, r.Throughput), r.PostgresCPU, r.ServerRSSMB)
	}
	if len(rep.Explain) > 0 {
		p("\n### EXPLAIN ANALYZE of each workload's main statements\n")
		for _, e := range rep.Explain {
			p("\n**%s**\n\n```\n%s```\n", e.Name, e.Plan)
		}
	}
	for _, pr := range rep.Profiles {
		p("\n### CPU profile: %s (`go tool pprof -top`)\n\n```\n%s```\n", pr.Name, pr.Top)
	}
	return b.String()
}

func inRepo(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(repoRoot, p)
}
