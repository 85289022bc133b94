// Package graph is Retain's GraphQL adapter: schema-first gqlgen resolvers
// that translate GraphQL to the domain services and back, per-operation
// dataloaders, error presentation and query limits.
package graph

//go:generate go tool gqlgen generate
