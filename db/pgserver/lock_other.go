//go:build !unix

package pgserver

// lockDataDir is a no-op outside Unix; postmaster.pid (checked by
// clearStalePID and by postgres itself) remains the guard there.
func lockDataDir(string) (func(), error) { return func() {}, nil }
