package db

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/auth"
)

// SeedOptions size the demo data.
type SeedOptions struct {
	Customers int
	// Users defaults to one per 2,000 customers, between 8 and 500.
	Users     int
	Passwords auth.Passwords
	Log       *slog.Logger
}

// SeedLogin is one demo account.
type SeedLogin struct {
	Role  retain.Role
	Email string
}

// SeedResult says what was created and how to sign in.
type SeedResult struct {
	Workspace *retain.Workspace
	Customers int
	Logins    []SeedLogin
	// Password is shared by every demo account.
	Password string
}

// DemoPassword is the password of every demo account.
const DemoPassword = "retain-demo-2026"

// Seed creates the demo workspace with users and, generated inside
// PostgreSQL in large set-based statements, customers with about ten
// interactions each, complaints, promises, orders and stage history spread
// over two years. A million customers take minutes.
func Seed(ctx context.Context, db *DB, o SeedOptions) (*SeedResult, error) {
	if o.Customers < 0 || o.Customers > 5_000_000 {
		return nil, fmt.Errorf("seed: customers must be between 0 and 5,000,000")
	}
	if o.Users == 0 {
		o.Users = min(max(o.Customers/2000, 8), 500)
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if _, err := db.FindWorkspaceBySlug(ctx, "demo"); err == nil {
		return nil, fmt.Errorf("seed: the demo workspace already exists")
	}
	ws, admin, err := db.CreateWorkspace(ctx, "Demo Trading 演示贸易", "demo",
		retain.UserInput{Email: "admin@retain.demo", Name: "Ada Admin 管理员", Role: retain.RoleAdmin, Password: DemoPassword}, o.Passwords)
	if err != nil {
		return nil, err
	}
	res := &SeedResult{Workspace: ws, Customers: o.Customers, Password: DemoPassword,
		Logins: []SeedLogin{{retain.RoleAdmin, admin.Email}}}
	hash, err := o.Passwords.Hash(DemoPassword)
	if err != nil {
		return nil, err
	}
	managers, agents, err := seedUsers(ctx, db, ws.ID, o.Users, hash, res)
	if err != nil {
		return nil, err
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	_ = managers
	// Every statement covers one chunk of customers, so each stays well
	// within the driver's read timeout and the statement timeout however
	// many customers are asked for; seedNow pins the clock so dependent
	// values (last contact = the newest interaction) agree across chunks.
	seedNow := db.now()
	// The generated rows are consistent by construction, so a superuser
	// session (the embedded server) skips the foreign-key triggers, which
	// are most of the cost of ten million inserts; elsewhere they run.
	if _, err := conn.ExecContext(ctx, "SET session_replication_role = replica"); err == nil {
		defer conn.ExecContext(context.WithoutCancel(ctx), "RESET session_replication_role")
	}
	type step struct {
		name  string
		sql   string
		args  []any
		chunk bool
	}
	steps := []step{
		{"seed setup", seedSetupSQL, nil, false},
		{"customers", seedCustomersSQL, []any{pgdialect.Array(agents),
			pgdialect.Array(seedSurnames), pgdialect.Array(seedGiven), pgdialect.Array(seedFirstNames), pgdialect.Array(seedLastNames),
			pgdialect.Array(seedCitiesZH), pgdialect.Array(seedCitiesEN), pgdialect.Array(seedCoWordsZH), pgdialect.Array(seedCoSuffixZH),
			pgdialect.Array(seedCoWordsEN), pgdialect.Array(seedCoSuffixEN), pgdialect.Array(seedIndustries), pgdialect.Array(seedTags)}, true},
		{"contacts", seedContactsSQL, nil, true},
		{"interactions", seedInteractionsSQL, []any{pgdialect.Array(seedSummaries), pgdialect.Array(seedCompetitors)}, true},
		{"complaints", seedComplaintsSQL, []any{pgdialect.Array(seedComplaints)}, true},
		{"promises", seedPromisesSQL, []any{pgdialect.Array(seedPromises)}, true},
		{"orders", seedOrdersSQL, nil, true},
		{"stage history", seedStagesSQL, nil, true},
		{"key dates", seedKeyDatesSQL, nil, true},
		{"analyze", `ANALYZE`, nil, false},
	}
	const chunk = 2_000
	for _, s := range steps {
		start := time.Now()
		ranges := [][2]int{{1, max(o.Customers, 1)}}
		if s.chunk {
			ranges = ranges[:0]
			for lo := 1; lo <= o.Customers; lo += chunk {
				ranges = append(ranges, [2]int{lo, min(lo+chunk-1, o.Customers)})
			}
		}
		for _, r := range ranges {
			// ?0 workspace, ?1..?2 the chunk's customer numbers, ?3 the
			// seed's clock, ?4 the number of customers; step arguments follow.
			args := append([]any{ws.ID, r[0], r[1], seedNow, o.Customers}, s.args...)
			if _, err := conn.ExecContext(ctx, s.sql, args...); err != nil {
				return nil, fmt.Errorf("seed %s: %w", s.name, err)
			}
		}
		o.Log.Info("seeded", "step", s.name, "took", time.Since(start).Round(time.Millisecond))
	}
	// Score every customer once, quietly: the generated history is the
	// past, so it raises no alerts and sends nothing to the bus.
	start := time.Now()
	sw := &SweepService{DB: db, Log: o.Log, Quiet: true}
	scanned, changed, err := sw.Sweep(ctx)
	if err != nil {
		return nil, fmt.Errorf("seed risk scores: %w", err)
	}
	o.Log.Info("seeded", "step", "risk scores", "customers", scanned, "scored", changed, "took", time.Since(start).Round(time.Millisecond))
	return res, nil
}

// seedUsers creates managers, agents (each reporting to a manager) and a viewer.
func seedUsers(ctx context.Context, db *DB, workspaceID string, n int, hash string, res *SeedResult) (managers, agents []string, err error) {
	nManagers := max(2, n/10)
	now := db.now()
	err = db.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		for i := 0; i < n; i++ {
			u := &retain.User{ID: NewID(), WorkspaceID: workspaceID, PasswordHash: hash, Active: true, Version: 1,
				CreatedAt: now, UpdatedAt: now, Locale: "en"}
			zh := i%2 == 0
			first, last := seedFirstNames[i%len(seedFirstNames)], seedLastNames[(i/len(seedFirstNames))%len(seedLastNames)]
			if zh {
				u.Locale = "zh"
				first, last = seedGiven[i%len(seedGiven)], seedSurnames[(i/3)%len(seedSurnames)]
			}
			switch {
			case i < nManagers:
				u.Role = retain.RoleManager
				u.Email = fmt.Sprintf("manager%d@retain.demo", i+1)
				managers = append(managers, u.ID)
			case i == n-1:
				u.Role = retain.RoleViewer
				u.Email = "viewer@retain.demo"
				u.ManagerID = &managers[0]
			default:
				u.Role = retain.RoleAgent
				u.Email = fmt.Sprintf("agent%d@retain.demo", i-nManagers+1)
				u.ManagerID = &managers[(i-nManagers)%nManagers]
				agents = append(agents, u.ID)
			}
			if zh {
				u.Name = last + first
			} else {
				u.Name = first + " " + last
			}
			if _, err := tx.NewInsert().Model(u).Exec(ctx); err != nil {
				return err
			}
			if u.Role != retain.RoleAgent || len(agents) <= 2 {
				res.Logins = append(res.Logins, SeedLogin{u.Role, u.Email})
			}
		}
		return nil
	})
	return managers, agents, err
}

// The statements below share their first parameters: ?0 the workspace, ?1
// and ?2 the first and last customer number of the chunk, ?3 the seed's
// clock, ?4 the number of customers. (arr)[1 + k % n] picks from a word pool.

// seed_customers numbers the customers (g) and keeps their random draws, so
// later steps can pick customers by number and agree with earlier ones.
const seedSetupSQL = `
SELECT setseed(0.42);
CREATE TEMP TABLE seed_customers (
  g int PRIMARY KEY, id uuid NOT NULL,
  r1 float8, r2 float8, r3 float8, r4 float8, r5 float8, r6 float8, r7 float8, english boolean
) ON COMMIT PRESERVE ROWS;
-- Time-ordered ids as cheap as the rows (retain_uuid7 is PL/pgSQL).
CREATE FUNCTION pg_temp.seed_uuid(at timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT (lpad(to_hex((extract(epoch FROM at) * 1000)::bigint), 12, '0') || '7' || substr(h, 1, 3) || '8' || substr(h, 4, 15))::uuid
  FROM md5(random()::text || clock_timestamp()::text) h
$$;`

const seedCustomersSQL = `
INSERT INTO seed_customers (g, id, r1, r2, r3, r4, r5, r6, r7, english)
SELECT g,
  (lpad(to_hex((extract(epoch FROM ?3::timestamptz)*1000)::bigint - 5000000 + g), 12, '0') || '7' ||
   substr(md5(g::text || 'c'), 1, 3) || '8' || substr(md5(g::text || 'd'), 1, 15))::uuid,
  random(), random(), random(), random(), random(), random(), random(), g % 3 = 0
FROM generate_series(?1::int, ?2::int) g;
INSERT INTO customers (id, workspace_id, external_id, name, company, email, phone, city, industry, stage, tier, potential,
  owner_id, backup_owner_id, relationship_type_id, tags, details, preferences, annual_revenue, acquisition_cost,
  satisfaction, last_contact_at, created_at, updated_at)
SELECT s.id, ?0, 'ERP-' || lpad(s.g::text, 8, '0'),
  CASE WHEN s.english THEN (?8::text[])[1 + (s.g % 20)] || ' ' || (?9::text[])[1 + (s.g / 20) % 20]
       ELSE (?6::text[])[1 + (s.g % 20)] || (?7::text[])[1 + (s.g / 20) % 24] END,
  CASE WHEN s.english THEN (?14::text[])[1 + (s.g / 7) % 10] || ' ' || (?15::text[])[1 + (s.g / 3) % 6]
       ELSE (?10::text[])[1 + (s.g / 11) % 12] || (?12::text[])[1 + (s.g / 7) % 12] || (?13::text[])[1 + (s.g / 3) % 6] END,
  'customer' || s.g || '@example.com',
  CASE WHEN s.english THEN '+44 20 ' || lpad((s.g % 10000000)::text, 7, '0') ELSE '+86 138' || lpad((s.g % 100000000)::text, 8, '0') END,
  CASE WHEN s.english THEN (?11::text[])[1 + (s.g / 5) % 8] ELSE (?10::text[])[1 + (s.g / 11) % 12] END,
  (?16::text[])[1 + (s.g / 13) % 8],
  CASE WHEN s.r1 < 0.60 THEN 'ACTIVE' WHEN s.r1 < 0.70 THEN 'PROSPECT' WHEN s.r1 < 0.80 THEN 'DORMANT'
       WHEN s.r1 < 0.85 THEN 'SUSPENDED' WHEN s.r1 < 0.95 THEN 'LOST' ELSE 'WON_BACK' END,
  CASE WHEN s.r2 < 0.05 THEN 'TKA' WHEN s.r2 < 0.13 THEN 'PKA' WHEN s.r2 < 0.18 THEN 'IKA' WHEN s.r2 < 0.78 THEN 'STANDARD' ELSE 'MARGINAL' END,
  CASE WHEN s.r3 < 0.2 THEN 'A' WHEN s.r3 < 0.7 THEN 'B' ELSE 'C' END,
  (?5::uuid[])[1 + (s.g % cardinality(?5::uuid[]))],
  CASE WHEN s.r4 < 0.6 THEN (?5::uuid[])[1 + ((s.g + 1) % cardinality(?5::uuid[]))] END,
  rt.ids[1 + (s.g / 17) % cardinality(rt.ids)],
  CASE WHEN s.r5 < 0.5 THEN ARRAY[(?17::text[])[1 + (s.g % 8)]] ELSE '{}'::text[] END,
  jsonb_build_object('source', CASE WHEN s.r6 < 0.3 THEN 'referral' WHEN s.r6 < 0.6 THEN 'trade show' ELSE 'website' END),
  CASE WHEN s.r6 < 0.3 THEN '{"fruit":"mango","contact":"WeChat after 6pm"}'::jsonb ELSE '{}'::jsonb END,
  round((1000 + s.r2 * s.r3 * 500000)::numeric, 2), round((200 + s.r5 * 5000)::numeric, 2),
  CASE WHEN s.r6 < 0.7 THEN 1 + (s.g % 5) END,
  -- The newest of the customer's ten interactions (see the interactions step).
  t.created + (?3::timestamptz - t.created) * ((9 + s.r7) / 10.0),
  t.created, ?3::timestamptz - (s.r3 * interval '30 days')
FROM seed_customers s
CROSS JOIN (SELECT array_agg(id ORDER BY name) AS ids FROM relationship_types WHERE workspace_id = ?0) rt
CROSS JOIN LATERAL (SELECT ?3::timestamptz - (s.r6 * interval '730 days') - interval '1 day' AS created) t
WHERE s.g BETWEEN ?1 AND ?2;`

const seedContactsSQL = `
INSERT INTO contacts (id, workspace_id, customer_id, name, title, email, phone, wechat, is_primary)
SELECT pg_temp.seed_uuid(?3), ?0, c.id, c.name, CASE WHEN c.company = '' THEN '' ELSE 'Purchasing' END, c.email, c.phone,
  'wx_' || substr(md5(c.id::text), 1, 10), true
FROM seed_customers s JOIN customers c ON c.id = s.id WHERE s.g BETWEEN ?1 AND ?2;`

// Ten interactions per customer, spread over its lifetime; the tenth is the
// customer's last contact, stored with the customer.
const seedInteractionsSQL = `
INSERT INTO interactions (id, workspace_id, customer_id, user_id, channel, direction, occurred_at, summary, sentiment,
  competitor, gift_value, gift_feedback, next_step, next_step_due_at, duration_minutes)
SELECT (lpad(to_hex((extract(epoch FROM x.at)*1000)::bigint), 12, '0') || '7' || substr(md5(x.cid::text || x.i), 1, 3) || '9' ||
        substr(md5(x.cid::text || x.i || 'z'), 1, 15))::uuid,
  ?0, x.cid, x.owner, x.channel,
  CASE WHEN x.r < 0.3 THEN 'INBOUND' ELSE 'OUTBOUND' END, x.at,
  (?5::text[])[1 + floor(x.r * 12)::int],
  CASE WHEN x.r2 < 0.1 THEN -2 WHEN x.r2 < 0.25 THEN -1 WHEN x.r2 < 0.6 THEN 0 WHEN x.r2 < 0.9 THEN 1 ELSE 2 END,
  (?6::text[])[1 + floor(x.r3 * 12)::int],
  CASE WHEN x.channel = 'GIFT' THEN round((50 + x.r3 * 500)::numeric, 2) END,
  CASE WHEN x.channel = 'GIFT' THEN 'Thanked us warmly' ELSE '' END,
  CASE WHEN x.r3 < 0.3 THEN 'Follow up on the order' ELSE '' END,
  CASE WHEN x.r3 < 0.3 THEN x.at + interval '7 days' END,
  (5 + floor(x.r2 * 55))::int
FROM (
  SELECT c.id AS cid, c.owner_id AS owner, i, random() AS r, random() AS r2, random() AS r3,
    (ARRAY['CALL','CALL','VISIT','MEETING','MESSAGE','MESSAGE','EMAIL','LETTER','GIFT','EVENT'])[1 + floor(random() * 10)::int] AS channel,
    CASE WHEN i = 10 THEN c.last_contact_at
         ELSE c.created_at + (?3::timestamptz - c.created_at) * ((i - 1 + random()) / 10.0) END AS at
  FROM seed_customers s JOIN customers c ON c.id = s.id CROSS JOIN generate_series(1, 10) i
  WHERE s.g BETWEEN ?1 AND ?2
) x;`

// One complaint per customer on average (picked at random, so some have
// several and some none), 30 % still open: the recent ones.
const seedComplaintsSQL = `
INSERT INTO complaints (id, workspace_id, customer_id, owner_id, category, severity, channel, description, status,
  opened_at, response_due_at, acknowledged_at, resolved_at, closed_at, root_cause, prevention_action, satisfaction)
SELECT pg_temp.seed_uuid(?3), ?0, x.id, x.owner_id, x.category, x.severity, 'CALL', (?5::text[])[1 + floor(x.r * 6)::int],
  x.status, x.opened, x.opened + make_interval(hours => x.sla),
  CASE WHEN x.status <> 'OPEN' THEN x.opened + make_interval(hours => (x.sla * x.r2)::int) END,
  CASE WHEN x.status IN ('RESOLVED','CLOSED') THEN x.opened + interval '3 days' END,
  CASE WHEN x.status = 'CLOSED' THEN x.opened + interval '5 days' END,
  CASE WHEN x.status = 'CLOSED' THEN 'Hand-over between sales and service was unclear' ELSE '' END,
  CASE WHEN x.status = 'CLOSED' THEN 'Named service owner for every complaint' ELSE '' END,
  CASE WHEN x.status = 'CLOSED' THEN 1 + floor(x.r2 * 5)::int END
FROM (
  SELECT c.id, c.owner_id, rt.complaint_sla_hours AS sla, random() AS r, random() AS r2,
    (ARRAY['QUALITY','DELIVERY','BILLING','SERVICE_ATTITUDE','BROKEN_PROMISE','PRICE','OTHER'])[1 + floor(random() * 7)::int] AS category,
    (ARRAY['LOW','LOW','MEDIUM','MEDIUM','MEDIUM','HIGH','CRITICAL'])[1 + floor(random() * 7)::int] AS severity,
    CASE WHEN k.r < 0.3 THEN (ARRAY['OPEN','ACKNOWLEDGED','REMEDIATING'])[1 + floor(random() * 3)::int]
         WHEN k.r < 0.45 THEN 'RESOLVED' ELSE 'CLOSED' END AS status,
    CASE WHEN k.r < 0.3 THEN ?3::timestamptz - random() * interval '10 days'
         ELSE ?3::timestamptz - interval '11 days' - random() * interval '700 days' END AS opened
  FROM (SELECT 1 + floor(random() * ?4::int)::int AS n, random() AS r FROM generate_series(?1::int, ?2::int)) k
  JOIN seed_customers s ON s.g = k.n
  JOIN customers c ON c.id = s.id
  JOIN relationship_types rt ON rt.id = c.relationship_type_id
) x;`

// One promise per customer on average, a fifth of them still open.
const seedPromisesSQL = `
INSERT INTO promises (id, workspace_id, customer_id, owner_id, description, due_at, status, resolved_at, created_at, updated_at)
SELECT pg_temp.seed_uuid(?3), ?0, c.id, c.owner_id, (?5::text[])[1 + floor(k.r2 * 6)::int], k.due,
  CASE WHEN k.r < 0.2 THEN 'OPEN' WHEN k.r < 0.8 THEN 'KEPT' WHEN k.r < 0.9 THEN 'BROKEN' ELSE 'CANCELLED' END,
  CASE WHEN k.r >= 0.2 THEN least(k.due, ?3::timestamptz) END, k.due - interval '14 days', ?3::timestamptz
FROM (SELECT 1 + floor(random() * ?4::int)::int AS n, random() AS r, random() AS r2,
        ?3::timestamptz - interval '700 days' + random() * interval '730 days' AS due
      FROM generate_series(?1::int, ?2::int)) k
JOIN seed_customers s ON s.g = k.n
JOIN customers c ON c.id = s.id;`

// Three to four orders per customer and about one return in twenty.
const seedOrdersSQL = `
INSERT INTO orders (id, workspace_id, customer_id, external_id, kind, amount, cost, discount, ordered_at)
SELECT pg_temp.seed_uuid(?3), ?0, x.id, 'SO-' || x.g || '-' || x.i, CASE WHEN x.r < 0.05 THEN 'RETURN' ELSE 'ORDER' END,
  round(x.amount::numeric, 2), round((x.amount * (0.55 + x.r2 * 0.4))::numeric, 2),
  round((x.amount * CASE WHEN x.r2 < 0.2 THEN 0.05 ELSE 0 END)::numeric, 2), x.at
FROM (
  SELECT c.id, s.g, i, random() AS r, random() AS r2,
    (CASE c.tier WHEN 'TKA' THEN 40000 WHEN 'PKA' THEN 20000 WHEN 'IKA' THEN 8000 WHEN 'STANDARD' THEN 3000 ELSE 500 END) * (0.3 + random()) AS amount,
    c.created_at + (?3::timestamptz - c.created_at) * random() AS at
  FROM seed_customers s JOIN customers c ON c.id = s.id CROSS JOIN generate_series(1, 4) i
  WHERE s.g BETWEEN ?1 AND ?2 AND c.stage <> 'PROSPECT' AND (i < 4 OR s.r5 < 0.5)
) x;`

const seedStagesSQL = `
INSERT INTO stage_changes (id, workspace_id, customer_id, from_stage, to_stage, reason, occurred_at)
SELECT pg_temp.seed_uuid(?3), ?0, c.id, NULL, 'PROSPECT', 'created', c.created_at
FROM seed_customers s JOIN customers c ON c.id = s.id WHERE s.g BETWEEN ?1 AND ?2;
INSERT INTO stage_changes (id, workspace_id, customer_id, from_stage, to_stage, reason, loss_reason_id, occurred_at)
SELECT pg_temp.seed_uuid(?3), ?0, c.id, 'PROSPECT', c.stage,
  CASE c.stage WHEN 'LOST' THEN 'Stopped ordering' WHEN 'WON_BACK' THEN 'Came back after the win-back visit' ELSE 'First order' END,
  CASE WHEN c.stage = 'LOST' THEN (SELECT id FROM loss_reasons lr WHERE lr.workspace_id = ?0 ORDER BY md5(lr.code || c.id::text) LIMIT 1) END,
  c.created_at + (?3::timestamptz - c.created_at) / 2
FROM seed_customers s JOIN customers c ON c.id = s.id WHERE s.g BETWEEN ?1 AND ?2 AND c.stage <> 'PROSPECT';`

const seedKeyDatesSQL = `
INSERT INTO key_dates (id, workspace_id, customer_id, kind, label, calendar, month, day)
SELECT pg_temp.seed_uuid(?3), ?0, s.id, 'BIRTHDAY', 'Birthday 生日', CASE WHEN s.english THEN 'GREGORIAN' ELSE 'LUNAR' END,
  1 + s.g % 12, 1 + s.g % 28
FROM seed_customers s WHERE s.g BETWEEN ?1 AND ?2 AND s.r3 < 0.5;
INSERT INTO key_dates (id, workspace_id, customer_id, kind, label, calendar, month, day)
SELECT pg_temp.seed_uuid(?3), ?0, s.id, 'RENEWAL', 'Contract renewal 合同续签', 'GREGORIAN', 1 + (s.g / 12) % 12, 1 + (s.g / 7) % 28
FROM seed_customers s JOIN customers c ON c.id = s.id WHERE s.g BETWEEN ?1 AND ?2 AND c.tier IN ('TKA','PKA','IKA');`
