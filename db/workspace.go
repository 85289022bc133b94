package db

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/retain-crm/retain"
	"github.com/retain-crm/retain/auth"
	"github.com/retain-crm/retain/risk"
)

// DefaultSettings are a new workspace's policies.
func DefaultSettings() retain.WorkspaceSettings {
	t, w := risk.DefaultThresholds(), risk.DefaultWeights()
	return retain.WorkspaceSettings{
		RiskThresholds: retain.RiskThresholds{Watch: t.Watch, AtRisk: t.AtRisk, Critical: t.Critical},
		RiskWeights: retain.RiskWeights{
			ContactOverdue: &w.ContactOverdue, OpenComplaints: &w.OpenComplaints, BreachedDeadlines: &w.BreachedDeadlines,
			BrokenPromises: &w.BrokenPromises, Sentiment: &w.Sentiment, OrderDecline: &w.OrderDecline, Returns: &w.Returns,
			Competitor: &w.Competitor, OwnerRisk: &w.OwnerRisk, RemediationOverdue: &w.RemediationOverdue,
		},
		AutoRecoveryPlaybook: true,
		Timezone:             "Asia/Shanghai",
		Currency:             "CNY",
	}
}

// defaultRelationshipTypes are the contracts a workspace starts with, after
// the relationship kinds in the domain notes.
var defaultRelationshipTypes = []retain.RelationshipTypeInput{
	{Name: "Friendship", Description: "Treated as friends and equals (the Harley-Davidson way).", ContactCadenceDays: 14, ComplaintSLAHours: 8,
		Dos:   []string{"Remember family details and preferences", "Be present whenever needed", "Send a personal note on key dates"},
		Donts: []string{"Never expose their privacy", "Never talk down to them"}, BenefitBudget: 2000},
	{Name: "Partnership", Description: "We grow together; joint plans and shared targets.", ContactCadenceDays: 7, ComplaintSLAHours: 4,
		Dos:   []string{"Review the joint plan every month", "Share roadmap news early"},
		Donts: []string{"Never surprise them with price changes"}, BenefitBudget: 10000},
	{Name: "Best customer", Description: "Expects special treatment; beware the best-customer trap.", ContactCadenceDays: 7, ComplaintSLAHours: 2,
		Dos:   []string{"Assign a named backup owner", "Answer the same day"},
		Donts: []string{"Never promise what the policy does not allow", "Never let a discount become an entitlement"}, BenefitBudget: 20000},
	{Name: "Transactional", Description: "Buys on price and convenience.", ContactCadenceDays: 30, ComplaintSLAHours: 24,
		Dos:   []string{"Keep ordering effortless", "Tell them about relevant promotions"},
		Donts: []string{"Never spam them"}, BenefitBudget: 200},
	{Name: "Reference account", Description: "A showcase that attracts others (image key account).", ContactCadenceDays: 14, ComplaintSLAHours: 4,
		Dos:   []string{"Invite to events and case studies", "Ask for referrals when they are happy"},
		Donts: []string{"Never quote them without permission"}, BenefitBudget: 8000},
}

// defaultLossReasons are the reasons a customer may be marked lost.
var defaultLossReasons = []struct{ Code, Label string }{
	{"BROKEN_PROMISE", "A promise was not kept"},
	{"UNRESOLVED_COMPLAINT", "A complaint was not resolved in time"},
	{"PRICE", "Price: a competitor was cheaper"},
	{"COMPETITOR", "Won over by a competitor"},
	{"OWNER_LEFT", "Left with their account manager"},
	{"QUALITY", "Product or service quality"},
	{"NO_LONGER_NEEDED", "No longer needs the product"},
	{"BUSINESS_CLOSED", "Business closed or moved"},
	{"OTHER", "Other"},
}

// CreateWorkspace provisions a workspace with its first admin and the
// default contracts, loss reasons and playbooks.
func (db *DB) CreateWorkspace(ctx context.Context, name, slug string, admin retain.UserInput, pw auth.Passwords) (*retain.Workspace, *retain.User, error) {
	if err := admin.Validate(); err != nil {
		return nil, nil, err
	}
	admin.Role = retain.RoleAdmin
	hash, err := pw.Hash(admin.Password)
	if err != nil {
		return nil, nil, err
	}
	now := db.now()
	ws := &retain.Workspace{ID: NewID(), Name: name, Slug: slug, Settings: DefaultSettings(), Version: 1, CreatedAt: now, UpdatedAt: now}
	u := &retain.User{ID: NewID(), WorkspaceID: ws.ID, Email: admin.Email, Name: admin.Name, Role: retain.RoleAdmin,
		PasswordHash: hash, Locale: admin.Locale, Active: true, Version: 1, CreatedAt: now, UpdatedAt: now}
	err = db.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(ws).Exec(ctx); err != nil {
			return err
		}
		if _, err := tx.NewInsert().Model(u).Exec(ctx); err != nil {
			return err
		}
		for _, in := range defaultRelationshipTypes {
			rt := &retain.RelationshipType{ID: NewID(), WorkspaceID: ws.ID, Version: 1, CreatedAt: now, UpdatedAt: now}
			applyContract(rt, in)
			if _, err := tx.NewInsert().Model(rt).Exec(ctx); err != nil {
				return err
			}
		}
		for _, lr := range defaultLossReasons {
			if _, err := tx.ExecContext(ctx, "INSERT INTO loss_reasons (id, workspace_id, code, label) VALUES (?, ?, ?, ?)",
				NewID(), ws.ID, lr.Code, lr.Label); err != nil {
				return err
			}
		}
		if err := insertDefaultPlaybooks(ctx, tx, ws.ID); err != nil {
			return err
		}
		a := &retain.Actor{WorkspaceID: ws.ID, UserID: u.ID, Role: retain.RoleAdmin}
		return db.audit(ctx, tx, a, "workspace.create", "workspace", ws.ID, nil, map[string]any{"name": name, "slug": slug})
	})
	if err != nil {
		return nil, nil, err
	}
	return ws, u, nil
}

// FindWorkspaceBySlug returns a workspace for command-line tools.
func (db *DB) FindWorkspaceBySlug(ctx context.Context, slug string) (*retain.Workspace, error) {
	ws := new(retain.Workspace)
	if err := db.NewSelect().Model(ws).Where("slug = ?", slug).Scan(ctx); err != nil {
		return nil, notFoundAs(err, "workspace")
	}
	return ws, nil
}

// IsEmpty reports whether no workspace exists yet.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	ok, err := db.NewSelect().TableExpr("workspaces").Exists(ctx)
	return !ok, err
}

type playbookStepTemplate struct {
	Kind, Title, Role string
	OffsetHours       int
}

// Service recovery, DOMAIN.md item 9, and win-back, item 11.
var recoverySteps = []playbookStepTemplate{
	{"APOLOGISE", "Apologise sincerely and acknowledge the mistake", "OWNER", 2},
	{"ASK_REMEDY", "Ask what remedy the customer wants", "OWNER", 8},
	{"COMPENSATE", "Offer compensation or an added service", "OWNER", 24},
	{"ESCALATE", "Escalate to a manager when needed", "MANAGER", 24},
	{"CORRECT", "Correct the error at once", "SERVICE", 48},
	{"CARE", "Care for the customer better than a competitor would", "OWNER", 168},
	{"ACCOUNTABILITY", "Hold the responsible staff accountable and tell the customer the outcome", "MANAGER", 336},
}

var winBackSteps = []playbookStepTemplate{
	{"CONTACT", "Contact the lost customer quickly and remember who they are", "OWNER", 48},
	{"LISTEN", "Record their opinions once the anger has passed", "OWNER", 168},
	{"PLAN", "Agree a plan with the customer", "OWNER", 336},
	{"FULFIL", "Meet their requirements where reasonable", "MANAGER", 504},
	{"FIX_DEFECT", "Fix the defect so it does not happen again", "MANAGER", 720},
}

func insertDefaultPlaybooks(ctx context.Context, idb bun.IDB, workspaceID string) error {
	for _, pb := range []struct {
		code, name, purpose string
		steps               []playbookStepTemplate
	}{
		{"SERVICE_RECOVERY", "Service recovery", "RECOVERY", recoverySteps},
		{"WIN_BACK", "Win back a lost customer", "WIN_BACK", winBackSteps},
	} {
		id := NewID()
		if _, err := idb.ExecContext(ctx, "INSERT INTO playbooks (id, workspace_id, code, name, purpose) VALUES (?, ?, ?, ?, ?)",
			id, workspaceID, pb.code, pb.name, pb.purpose); err != nil {
			return err
		}
		for i, s := range pb.steps {
			if _, err := idb.ExecContext(ctx, `INSERT INTO playbook_steps
				(id, workspace_id, playbook_id, position, kind, title, due_offset_hours, default_assignee_role)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, NewID(), workspaceID, id, i+1, s.Kind, s.Title, s.OffsetHours, s.Role); err != nil {
				return err
			}
		}
	}
	return nil
}
