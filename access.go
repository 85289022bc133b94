package retain

// This file is the single statement of who may do what. Services call
// Authorize before acting and apply VisibilityOf to every customer-related
// read and write; resolvers never check roles themselves.

// Action is a kind of operation an actor may attempt.
type Action string

// Actions guarded by Authorize.
const (
	ActionReadCustomers     Action = "customers.read"
	ActionWriteCustomers    Action = "customers.write"
	ActionReassignCustomers Action = "customers.reassign"
	ActionWriteActivity     Action = "activity.write"
	ActionWriteOrders       Action = "orders.write"
	ActionManageContracts   Action = "contracts.manage"
	ActionManageUsers       Action = "users.manage"
	ActionReadUsers         Action = "users.read"
	ActionManageTokens      Action = "tokens.manage"
	ActionManageWorkspace   Action = "workspace.manage"
	ActionReadAudit         Action = "audit.read"
	ActionReadAlerts        Action = "alerts.read"
	ActionWriteAlerts       Action = "alerts.write"
)

type rule struct {
	roles []Role
	// scope an integration token needs; "" means tokens may never do it.
	scope string
}

var (
	everyone = []Role{RoleAdmin, RoleManager, RoleAgent, RoleViewer}
	writers  = []Role{RoleAdmin, RoleManager, RoleAgent}
	leaders  = []Role{RoleAdmin, RoleManager}
	admins   = []Role{RoleAdmin}
)

var rules = map[Action]rule{
	ActionReadCustomers:     {everyone, ScopeCustomersRead},
	ActionWriteCustomers:    {writers, ScopeCustomersWrite},
	ActionReassignCustomers: {leaders, ""},
	ActionWriteActivity:     {writers, ScopeActivityWrite},
	ActionWriteOrders:       {leaders, ScopeOrdersWrite},
	ActionManageContracts:   {leaders, ""},
	ActionManageUsers:       {admins, ""},
	ActionReadUsers:         {everyone, ScopeCustomersRead},
	ActionManageTokens:      {admins, ""},
	ActionManageWorkspace:   {admins, ""},
	ActionReadAudit:         {admins, ""},
	ActionReadAlerts:        {everyone, ScopeAlertsRead},
	ActionWriteAlerts:       {writers, ""},
}

// Authorize returns nil when the actor may perform action, EUNAUTHENTICATED
// without an actor, and EFORBIDDEN otherwise.
func Authorize(a *Actor, action Action) error {
	if a == nil {
		return Errorf(EUNAUTHENTICATED, "sign in first")
	}
	r, ok := rules[action]
	if !ok {
		return Forbidden("action %s is not allowed", action)
	}
	if a.IsIntegration() {
		if r.scope == "" || !a.HasScope(r.scope) {
			return Forbidden("this token lacks the scope for %s", action)
		}
		return nil
	}
	for _, role := range r.roles {
		if a.Role == role {
			return nil
		}
	}
	return Forbidden("your role may not %s", action)
}

// Visibility describes which customers of the workspace an actor may see.
// Exactly one of its fields selects the rule.
type Visibility struct {
	// All: every customer in the workspace (admins, integration tokens).
	All bool
	// TeamOf: customers owned or backed up by this manager or anyone who
	// reports to them (managers, and viewers through their manager).
	TeamOf string
	// Member: customers this user owns or backs up (agents).
	Member string
}

// VisibilityOf returns the customer visibility rule for the actor.
func VisibilityOf(a *Actor) Visibility {
	switch {
	case a.IsIntegration() || a.Role == RoleAdmin:
		return Visibility{All: true}
	case a.Role == RoleManager:
		return Visibility{TeamOf: a.UserID}
	case a.Role == RoleViewer && a.ManagerID != "":
		return Visibility{TeamOf: a.ManagerID}
	default:
		return Visibility{Member: a.UserID}
	}
}
