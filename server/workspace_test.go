package server_test

import (
	"testing"

	"github.com/retain-crm/retain/server/servertest"
)

func TestWorkspacePolicy(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	admin := env.Login(env.W1, "admin")
	var ws struct {
		Workspace struct {
			Version  int
			Settings struct {
				RiskThresholds struct{ Watch, AtRisk, Critical int }
				RiskWeights    struct{ ContactOverdue, Returns *int }
				Currency       string
			}
		}
	}
	env.Do(admin, `{workspace{version settings{riskThresholds{watch atRisk critical} riskWeights{contactOverdue returns} currency}}}`, nil).Decode(t, &ws)
	if ws.Workspace.Settings.RiskThresholds.AtRisk != 60 || ws.Workspace.Settings.RiskWeights.ContactOverdue == nil {
		t.Fatalf("defaults = %+v", ws.Workspace.Settings)
	}
	const mut = `mutation($v:Int!,$in:WorkspaceSettingsInput!){updateWorkspace(version:$v,input:$in){version settings{riskThresholds{atRisk} riskWeights{contactOverdue returns} currency}}}`
	for _, tc := range []struct {
		name, field, code string
		in                map[string]any
		token             string
	}{
		{"thresholds not rising", "input.riskThresholds", "BAD_USER_INPUT", map[string]any{"riskThresholds": map[string]any{"watch": 50, "atRisk": 40, "critical": 80}}, admin},
		{"weight over 100", "input.riskWeights.returns", "BAD_USER_INPUT", map[string]any{"riskWeights": map[string]any{"returns": 101}}, admin},
		{"unknown zone", "input.timezone", "BAD_USER_INPUT", map[string]any{"timezone": "Mars/Olympus"}, admin},
		{"bad currency", "input.currency", "BAD_USER_INPUT", map[string]any{"currency": "yuan"}, admin},
		{"manager", "", "FORBIDDEN", map[string]any{"currency": "USD"}, env.Login(env.W1, "manager")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := env.Do(tc.token, mut, map[string]any{"v": ws.Workspace.Version, "in": tc.in})
			if res.Code() != tc.code || (tc.field != "" && res.Errors[0].Extensions["field"] != tc.field) {
				t.Fatalf("got %s", res.Raw)
			}
		})
	}
	var out struct {
		UpdateWorkspace struct {
			Version  int
			Settings struct {
				RiskThresholds struct{ AtRisk int }
				RiskWeights    struct{ ContactOverdue, Returns *int }
				Currency       string
			}
		}
	}
	env.Do(admin, mut, map[string]any{"v": ws.Workspace.Version, "in": map[string]any{
		"riskThresholds": map[string]any{"watch": 20, "atRisk": 50, "critical": 75}, "riskWeights": map[string]any{"returns": 30}, "currency": "USD"}}).Decode(t, &out)
	s := out.UpdateWorkspace.Settings
	if s.RiskThresholds.AtRisk != 50 || *s.RiskWeights.Returns != 30 || *s.RiskWeights.ContactOverdue != *ws.Workspace.Settings.RiskWeights.ContactOverdue || s.Currency != "USD" {
		t.Fatalf("updated = %+v", s)
	}
	if res := env.Do(admin, mut, map[string]any{"v": ws.Workspace.Version, "in": map[string]any{"currency": "EUR"}}); res.Code() != "CONFLICT" {
		t.Fatalf("stale version: %s", res.Raw)
	}
}
