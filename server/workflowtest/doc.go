// Package workflowtest holds end-to-end tests of the retention workflow over GraphQL.
package workflowtest
