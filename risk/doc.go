// Package risk is Retain's churn early-warning engine: it turns the facts known
// about one customer into an explainable risk score, a level and the reasons
// behind it.
//
// The package is deliberately pure — no I/O, no database, no clock of its own —
// so that the same inputs always give the same assessment. That keeps scores
// reproducible in tests and in audits ("why was this customer flagged on
// Tuesday?"), and lets the server, batch jobs and alerting share one
// implementation. Callers gather Signals, pick Weights and Thresholds for the
// customer's workspace and relationship type, and pass the current time in.
//
// Every point of the score is attributed to a Factor carrying a message key and
// string parameters, so the reasons can be shown to agents in their own
// language (see Explain and Catalog) rather than as an opaque number.
package risk
