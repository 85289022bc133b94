package retain

// Ownership is who holds a customer, with their managers: enough to decide
// visibility in memory when an event fans out to many subscribers.
type Ownership struct {
	WorkspaceID     string
	Customer        string
	OwnerID         string
	OwnerManagerID  string
	BackupID        string
	BackupManagerID string
}

// Allows applies the visibility rule (see VisibilityOf) to one customer's
// ownership; it must agree with the SQL form in db/scope.go.
func (v Visibility) Allows(o Ownership) bool {
	switch {
	case v.All:
		return true
	case v.TeamOf != "":
		return o.OwnerID == v.TeamOf || o.OwnerManagerID == v.TeamOf ||
			(o.BackupID != "" && (o.BackupID == v.TeamOf || o.BackupManagerID == v.TeamOf))
	default:
		return v.Member != "" && (o.OwnerID == v.Member || o.BackupID == v.Member)
	}
}

// CanSee reports whether the actor may see a customer with this ownership.
func (a *Actor) CanSee(o Ownership) bool {
	return a != nil && a.WorkspaceID == o.WorkspaceID && VisibilityOf(a).Allows(o)
}

// CustomerID returns the customer the ownership describes.
func (o Ownership) CustomerID() string { return o.Customer }
