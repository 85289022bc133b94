package db

// OwnershipQuery exposes the bus's ownership lookup to the plan test.
var OwnershipQuery = ownershipQuery
