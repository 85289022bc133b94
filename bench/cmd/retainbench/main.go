// Command retainbench is Retain's performance harness (`make bench`). It
// builds the 1,000,000-customer dataset once with `retain seed` into its own
// embedded PostgreSQL (RETAIN_DATA_DIR, default /work/bench-data/pg) and
// reuses it, then measures, each against a floor taken in the same run:
//
//   - the risk sweep over every customer vs the bare SQL aggregation of its
//     signals;
//   - the agent's list page, a customer page, writes and search over
//     GraphQL at 4 and 16 closed-loop clients vs hand-written SQL;
//   - write throughput with alerting on vs off;
//   - commit-to-frame latency with 1,000 subscribers on 2 replicas, and
//     memory per idle subscribed connection;
//   - the list page at 1,000,000 vs 10,000 customers;
//
// and writes docs/benchmarks.json plus the results section of
// docs/benchmarks.md. It is not part of CI.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/driver/pgdriver"
)

var (
	repoRoot  string
	dataDir   string // parent of pgDir: binaries, logs, profiles
	pgDir     string
	retainBin string
)

func logf(format string, args ...any) { log.Printf(format, args...) }

type options struct {
	customers, small int
	warmup, duration time.Duration
	subscribers      int
	phases           string
	jsonOut, mdOut   string
	pgURL            string
	bigDB, smallDB   string
	bin              string
	only             string
	liveProfile      bool
	reportOnly       bool
}

func main() {
	var o options
	flag.IntVar(&o.customers, "customers", 1_000_000, "customers in the main dataset")
	flag.IntVar(&o.small, "small", 10_000, "customers in the small dataset (cost grows with the page)")
	flag.DurationVar(&o.warmup, "warmup", 5*time.Second, "warm-up before each measurement")
	flag.DurationVar(&o.duration, "duration", 20*time.Second, "measurement time of each workload")
	flag.IntVar(&o.subscribers, "subscribers", 1000, "websocket subscribers over the two replicas")
	flag.StringVar(&o.phases, "phases", "sweep,workloads,alerting,small,live,explain", "phases to run")
	flag.StringVar(&o.jsonOut, "json", "docs/benchmarks.json", "JSON report")
	flag.StringVar(&o.mdOut, "md", "docs/benchmarks.md", "markdown report (its results section is replaced)")
	flag.StringVar(&o.pgURL, "pg", "", "use this running PostgreSQL (admin URL) instead of starting one")
	flag.StringVar(&o.bigDB, "db", "retain", "database of the main dataset")
	flag.BoolVar(&o.reportOnly, "report-only", false, "only rewrite the markdown from the JSON report")
	flag.StringVar(&o.only, "only", "", "run only the workloads whose name contains this")
	flag.StringVar(&o.bin, "bin", "", "use this retain binary instead of building one (A/B of a change)")
	flag.StringVar(&o.smallDB, "small-db", "retain10k", "database of the small dataset")
	flag.Func("server-env", "KEY=VALUE added to the environment of every server started (repeatable; an A/B of a setting)", func(kv string) error {
		if !strings.Contains(kv, "=") {
			return fmt.Errorf("want KEY=VALUE")
		}
		serverEnv = append(serverEnv, kv)
		return nil
	})
	flag.BoolVar(&o.liveProfile, "live-profile", false, "take CPU profiles of the replicas while alerts flow (its end stalls them for seconds, so latency figures are taken without it)")
	flag.Parse()
	log.SetFlags(log.Ltime)
	if err := mainErr(o); err != nil {
		log.Fatal(err)
	}
}

func mainErr(o options) error {
	ctx := context.Background()
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(wd, "go.mod")); err != nil {
		return fmt.Errorf("run from the repository root (make bench)")
	}
	repoRoot = wd
	if o.reportOnly {
		rep := &report{}
		b, err := os.ReadFile(inRepo(o.jsonOut))
		if err != nil {
			return err
		}
		if err := json.Unmarshal(b, rep); err != nil {
			return err
		}
		return writeReport(rep, o)
	}
	pgDir = os.Getenv("RETAIN_DATA_DIR")
	if pgDir == "" {
		pgDir = "/work/bench-data/pg"
	}
	if pgDir, err = filepath.Abs(pgDir); err != nil {
		return err
	}
	dataDir = filepath.Dir(pgDir)
	if err := os.MkdirAll(filepath.Join(dataDir, "profiles"), 0o755); err != nil {
		return err
	}
	retainBin = filepath.Join(dataDir, "bin", "retain")
	if o.bin != "" {
		retainBin, _ = filepath.Abs(o.bin)
	} else {
		logf("building %s", retainBin)
		build := exec.Command("go", "build", "-o", retainBin, "./cmd/retain")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return err
		}
	}

	// Sections of phases not run this time are kept from the last report,
	// so a partial run (-phases) updates the report instead of erasing it.
	rep := &report{}
	if b, err := os.ReadFile(inRepo(o.jsonOut)); err == nil {
		_ = json.Unmarshal(b, rep)
	}
	has := func(p string) bool { return strings.Contains(","+o.phases+",", ","+p+",") }
	rep.Started, rep.Machine = time.Now().UTC(), machineInfo()
	if rep.Phases == "" || has("sweep") && has("workloads") && has("alerting") && has("small") && has("live") && has("explain") {
		rep.Phases = o.phases
	} else {
		rep.Phases += " + " + o.phases + " (" + rep.Started.Format("15:04") + ")"
	}
	var profiles []profileTop
	for _, p := range rep.Profiles {
		if (strings.HasPrefix(p.Name, "list page") && !has("workloads")) || (strings.HasPrefix(p.Name, "heap") && !has("live")) {
			profiles = append(profiles, p)
		}
	}
	rep.Profiles = profiles
	if has("workloads") {
		rep.Workloads = nil
	}
	if has("explain") {
		rep.Explain = nil
	}
	var pg *child
	adminURL := o.pgURL
	if adminURL == "" {
		if pg, adminURL, err = startPostgres(ctx); err != nil {
			return err
		}
		defer func() { pg.stop() }()
	}
	if restart, err := tuneServer(ctx, adminURL); err != nil {
		return err
	} else if restart && pg != nil {
		logf("restarting PostgreSQL to apply track_commit_timestamp")
		pg.stop()
		if pg, adminURL, err = startPostgres(ctx); err != nil {
			return err
		}
	}
	bigURL := dbURL(adminURL, o.bigDB)
	smallURL := dbURL(adminURL, o.smallDB)
	if rep.Data.Big, err = ensureDataset(ctx, adminURL, o.bigDB, o.customers); err != nil {
		return err
	}
	if rep.Data.Small, err = ensureDataset(ctx, adminURL, o.smallDB, o.small); err != nil {
		return err
	}
	bench := openDB(bigURL, 40)
	defer bench.Close()
	if err := ensureScored(ctx, bench); err != nil {
		return err
	}
	save := func() {
		rep.Finished = time.Now().UTC()
		if err := writeReport(rep, o); err != nil {
			logf("writing the report: %v", err)
		}
	}
	defer save()

	if has("sweep") {
		logf("== sweep over %d customers", rep.Data.Big.Customers)
		if rep.Sweep, err = benchSweep(ctx, bench); err != nil {
			return err
		}
		save()
	}
	if has("workloads") {
		logf("== workloads (1M)")
		if err := benchWorkloads(ctx, o, bigURL, bench, rep); err != nil {
			return err
		}
		save()
	}
	if has("alerting") {
		logf("== write throughput, alerting on vs off")
		if err := benchAlerting(ctx, o, bigURL, bench, rep); err != nil {
			return err
		}
		save()
	}
	if has("small") {
		logf("== list page at %d vs %d customers", o.small, o.customers)
		if err := benchSmall(ctx, o, bigURL, smallURL, rep); err != nil {
			return err
		}
		save()
	}
	if has("live") {
		logf("== live alerts: %d subscribers over 2 replicas", o.subscribers)
		if err := benchLive(ctx, o, bigURL, bench, rep); err != nil {
			return err
		}
		save()
	}
	if has("explain") {
		logf("== EXPLAIN ANALYZE")
		if err := explainAll(ctx, bench, rep); err != nil {
			return err
		}
	}
	return nil
}

// dbURL swaps the database of a PostgreSQL URL.
func dbURL(adminURL, name string) string {
	i := strings.LastIndex(adminURL, "/postgres?")
	return adminURL[:i] + "/" + name + adminURL[i+len("/postgres"):]
}

// openDB connects with timeouts fit for long benchmark statements.
func openDB(dsn string, conns int) *bun.DB {
	c := pgdriver.NewConnector(pgdriver.WithDSN(dsn), pgdriver.WithReadTimeout(30*time.Minute), pgdriver.WithWriteTimeout(time.Minute),
		pgdriver.WithConnParams(map[string]any{"application_name": "retainbench"}))
	s := sql.OpenDB(c)
	s.SetMaxOpenConns(conns)
	s.SetMaxIdleConns(conns)
	return bun.NewDB(s, pgdialect.New())
}

// tuneServer applies the settings the harness needs (track_commit_timestamp
// for commit-to-frame latency; a larger WAL for the bulk seed) and reports
// whether a restart is needed.
func tuneServer(ctx context.Context, adminURL string) (bool, error) {
	d := openDB(adminURL, 1)
	defer d.Close()
	var track string
	if err := d.QueryRowContext(ctx, "SHOW track_commit_timestamp").Scan(&track); err != nil {
		return false, err
	}
	for _, s := range []string{"ALTER SYSTEM SET track_commit_timestamp = on", "ALTER SYSTEM SET max_wal_size = '8GB'",
		"ALTER SYSTEM SET checkpoint_timeout = '30min'", "SELECT pg_reload_conf()"} {
		if _, err := d.ExecContext(ctx, s); err != nil {
			return false, err
		}
	}
	return track != "on", nil
}

type dataset struct {
	Database      string  `json:"database"`
	Customers     int     `json:"customers"`
	Users         int     `json:"users"`
	Interactions  int     `json:"interactions"`
	Complaints    int     `json:"complaints"`
	OpenComplaint int     `json:"open_complaints"`
	Promises      int     `json:"promises"`
	Orders        int     `json:"orders"`
	Alerts        int     `json:"alerts"`
	SizeGB        float64 `json:"database_size_gb"`
	SeedSeconds   float64 `json:"seed_seconds,omitempty"`
	Reused        bool    `json:"reused"`
}

// ensureDataset seeds a database with `retain seed` unless it holds the
// demo workspace already, and counts what it holds.
func ensureDataset(ctx context.Context, adminURL, name string, customers int) (dataset, error) {
	ds := dataset{Database: name, Reused: true}
	admin := openDB(adminURL, 1)
	var exists bool
	err := admin.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = ?)", name).Scan(&exists)
	if err == nil && !exists {
		_, err = admin.ExecContext(ctx, "CREATE DATABASE "+name)
	}
	admin.Close()
	if err != nil {
		return ds, err
	}
	marker := filepath.Join(dataDir, name+".seeded.json")
	logPath := filepath.Join(dataDir, "seed-"+name+".log")
	d := openDB(dbURL(adminURL, name), 2)
	var seeded bool
	_ = d.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM workspaces WHERE slug = 'demo')").Scan(&seeded)
	if _, err := os.Stat(marker); seeded && err != nil {
		// A seed that finished logs "seeded in"; anything else was cut short.
		b, _ := os.ReadFile(logPath)
		if m := regexp.MustCompile(`seeded in (\S+)`).FindSubmatch(b); m != nil {
			if dur, err := time.ParseDuration(string(m[1])); err == nil {
				j, _ := json.Marshal(map[string]any{"seconds": round2(dur.Seconds()), "at": time.Now().UTC()})
				_ = os.WriteFile(marker, j, 0o644)
			}
		} else {
			logf("database %s holds an unfinished seed: recreating it", name)
			seeded = false
			d.Close()
			admin := openDB(adminURL, 1)
			_, err1 := admin.ExecContext(ctx, "DROP DATABASE "+name+" WITH (FORCE)")
			_, err2 := admin.ExecContext(ctx, "CREATE DATABASE "+name)
			admin.Close()
			if err1 != nil || err2 != nil {
				return ds, fmt.Errorf("recreating %s: %v %v", name, err1, err2)
			}
			d = openDB(dbURL(adminURL, name), 2)
		}
	}
	defer d.Close()
	if !seeded {
		ds.Reused = false
		users := min(max(customers/2000, 8), 500)
		logf("seeding %s: retain seed --customers %d --users %d (once; reused afterwards)", name, customers, users)
		t0 := time.Now()
		cmd := exec.Command(retainBin, "seed", "--customers", fmt.Sprint(customers), "--users", fmt.Sprint(users))
		cmd.Dir = repoRoot
		// Each seed statement covers a chunk of customers and normally takes a
		// second; on a busy shared machine give them room.
		cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL(adminURL, name)+"&read_timeout=30m", "RETAIN_STATEMENT_TIMEOUT=30m", "RETAIN_BCRYPT_COST=10")
		logFile, err := os.Create(logPath)
		if err != nil {
			return ds, err
		}
		cmd.Stdout, cmd.Stderr = logFile, logFile
		err = cmd.Run()
		logFile.Close()
		if err != nil {
			return ds, fmt.Errorf("seeding %s: %w (see %s)", name, err, logFile.Name())
		}
		ds.SeedSeconds = round2(time.Since(t0).Seconds())
		// Settle the freshly written tables (visibility map for index-only
		// scans, statistics) once, so runs measure steady state.
		logf("VACUUM ANALYZE %s", name)
		if _, err := d.ExecContext(ctx, "VACUUM (ANALYZE)"); err != nil {
			return ds, err
		}
		b, _ := json.Marshal(map[string]any{"seconds": ds.SeedSeconds, "at": time.Now().UTC()})
		_ = os.WriteFile(marker, b, 0o644)
	} else if b, err := os.ReadFile(marker); err == nil {
		var m struct{ Seconds float64 }
		if json.Unmarshal(b, &m) == nil {
			ds.SeedSeconds = m.Seconds
		}
	}
	if ds.Reused {
		// Complaints earlier runs opened through the write workloads go, so
		// open complaints stay at the seeded 30 % run after run. (Their
		// interactions stay: about 1 % more per run. Deleting them is slow
		// without migration 20261123000002's index on promises.interaction_id.)
		for _, q := range []string{
			"DELETE FROM complaints WHERE description IN ('The delivery came two days late', 'Broken on arrival')",
		} {
			if _, err := d.ExecContext(ctx, q); err != nil {
				return ds, err
			}
		}
	}
	counts := []struct {
		dst *int
		q   string
	}{
		{&ds.Customers, "SELECT count(*) FROM customers"}, {&ds.Users, "SELECT count(*) FROM users"},
		{&ds.Interactions, "SELECT count(*) FROM interactions"}, {&ds.Complaints, "SELECT count(*) FROM complaints"},
		{&ds.OpenComplaint, "SELECT count(*) FROM complaints WHERE status IN ('OPEN','ACKNOWLEDGED','REMEDIATING')"},
		{&ds.Promises, "SELECT count(*) FROM promises"}, {&ds.Orders, "SELECT count(*) FROM orders"}, {&ds.Alerts, "SELECT count(*) FROM alerts"},
	}
	for _, c := range counts {
		if err := d.QueryRowContext(ctx, c.q).Scan(c.dst); err != nil {
			return ds, err
		}
	}
	var size int64
	if err := d.QueryRowContext(ctx, "SELECT pg_database_size(current_database())").Scan(&size); err != nil {
		return ds, err
	}
	ds.SizeGB = round2(float64(size) / (1 << 30))
	logf("dataset %s: %+v", name, ds)
	return ds, nil
}
