package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/lac-dns-observatory/dnsobs/internal/store"
)

// runSettings are the flags of dnsobs scan that shape a run's results.
// A new run stores each (its parameter is the flag's name with _ for -),
// and --resume restores them: a flag given again must equal the stored
// value. The other flags (--store, --jsonl, --metrics-addr, -q, logging,
// profiles) only say where things go and may change between parts.
var runSettings = []string{
	"lab", "lab-port", "hints", "trust-anchor", "geo-asn", "geo-country",
	"timeout", "retries", "qps", "server-qps", "server-concurrency",
	"do-not-probe", "do-not-probe-file", "parallel", "lang", "format",
}

// pathSettings are the runSettings that name files: stored as absolute
// paths, with their size (PARAM_size) and SHA-256 (PARAM_sha256), and
// checked unchanged on resume.
var pathSettings = map[string]bool{
	"hints": true, "trust-anchor": true, "geo-asn": true, "geo-country": true, "do-not-probe-file": true,
}

// inputParam is the parameter of a new run's input file (absolute path);
// input_size and input_sha256 go with it. Standard input has none.
const inputParam = "input"

// paramKey is the run parameter of flag name.
func paramKey(name string) string { return strings.ReplaceAll(name, "-", "_") }

// absPath is path made absolute, so that a run resumed from another
// directory finds the same files; "" stays "".
func absPath(path string) string {
	if path == "" {
		return ""
	}
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// fileDigest is the size and hex SHA-256 of the file at path. A path that
// is not a regular file (a device, a pipe: /dev/stdin, /dev/zero) has no
// digest (size -1, ""): it cannot be checked on resume, as standard input
// cannot, and reading it to its end may never end.
func fileDigest(path string) (int64, string, error) {
	fh, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer fh.Close()
	if fi, err := fh.Stat(); err != nil {
		return 0, "", err
	} else if !fi.Mode().IsRegular() {
		return -1, "", nil
	}
	h := sha256.New()
	n, err := io.Copy(h, fh)
	if err != nil {
		return 0, "", err
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// putDigest stores path (absolute) under key, with its size and SHA-256.
func putDigest(params map[string]string, key, flagName, path string) error {
	params[key] = absPath(path)
	if path == "" {
		return nil
	}
	size, sum, err := fileDigest(path)
	if err != nil {
		return badUsage("cannot read %s: %v", flagName, err)
	}
	if sum == "" {
		return nil // not a regular file: nothing to check on resume
	}
	params[key+"_size"] = strconv.FormatInt(size, 10)
	params[key+"_sha256"] = sum
	return nil
}

// runParameters are the settings a new run stores: every runSettings
// flag's value as the scan uses it (after build: --lab's unlimited rates
// included), the files' digests, the input file's and the version.
func runParameters(fs *flag.FlagSet, input string) (map[string]string, error) {
	params := map[string]string{"version": strings.TrimPrefix(versionLine(currentBuild()), "dnsobs ")}
	for _, name := range runSettings {
		v := fs.Lookup(name).Value.String()
		if pathSettings[name] {
			if err := putDigest(params, paramKey(name), "--"+name, v); err != nil {
				return nil, err
			}
			continue
		}
		params[paramKey(name)] = v
	}
	if input != "" && input != "-" {
		if err := putDigest(params, inputParam, "--input", input); err != nil {
			return nil, err
		}
	}
	return params, nil
}

// canonicalSetting is value as flag name of dnsobs scan prints it once
// parsed ("2000ms" is "2s"), paths made absolute.
func canonicalSetting(name, value string) (string, error) {
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var f scanFlags
	f.register(fs)
	if err := fs.Set(name, value); err != nil {
		return "", err
	}
	v := fs.Lookup(name).Value.String()
	if pathSettings[name] {
		v = absPath(v)
	}
	return v, nil
}

// showSetting is a setting's value as the messages print it.
func showSetting(v string) string {
	if v == "" {
		return `""`
	}
	return v
}

// restoreRun makes fs the settings of run: each stored setting not given
// on the command line is set to its stored value, and one given must be
// equal to it. The files the run named must be unchanged (size and
// SHA-256). A run stored before a setting was has none: the command line
// (or the default) applies.
func restoreRun(fs *flag.FlagSet, vantage string, run store.Run) error {
	given := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { given[fl.Name] = true })
	p := run.Parameters
	for _, name := range runSettings {
		stored, ok := p[paramKey(name)]
		if !ok {
			continue
		}
		want, err := canonicalSetting(name, stored)
		if err != nil {
			return fmt.Errorf("run %d's stored --%s %q: %v", run.ID, name, stored, err)
		}
		fl := fs.Lookup(name)
		if given[name] {
			got := fl.Value.String()
			if pathSettings[name] {
				got = absPath(got)
			}
			if got != want {
				return badUsage("--%s %s differs from run %d's --%s %s: leave it out to resume with the run's settings",
					name, showSetting(got), run.ID, name, showSetting(want))
			}
			continue
		}
		if want != fl.DefValue {
			if err := fs.Set(name, want); err != nil {
				return fmt.Errorf("run %d's stored --%s %q: %v", run.ID, name, stored, err)
			}
		}
	}
	if vantage != "" && vantage != run.Vantage {
		return badUsage("--vantage %s differs from run %d's --vantage %s: leave it out to resume with the run's settings",
			showSetting(vantage), run.ID, showSetting(run.Vantage))
	}
	// Lab mode never falls back to the real root servers.
	if fs.Lookup("lab").Value.String() == "true" && fs.Lookup("hints").Value.String() == "" {
		return badUsage("run %d is a lab run without stored --hints: it cannot be resumed without the real root servers; start a new run", run.ID)
	}
	for _, name := range runSettings {
		if pathSettings[name] {
			if err := checkDigest(p, paramKey(name), "--"+name, run.ID); err != nil {
				return err
			}
		}
	}
	return checkDigest(p, inputParam, "--input", run.ID)
}

// checkDigest checks that the file stored under key still has the size
// and SHA-256 stored with it.
func checkDigest(p map[string]string, key, flagName string, runID int64) error {
	path, sum := p[key], p[key+"_sha256"]
	if path == "" || sum == "" {
		return nil
	}
	size, got, err := fileDigest(path)
	if err != nil {
		return badUsage("%s %s of run %d cannot be read (moved or deleted?): %v; put it back, or start a new run",
			flagName, path, runID, err)
	}
	if got != sum || strconv.FormatInt(size, 10) != p[key+"_size"] {
		return badUsage("%s %s changed since run %d started (now %d bytes, SHA-256 %.12s…; was %s bytes, %.12s…): put the original back, or start a new run",
			flagName, path, runID, size, got, p[key+"_size"], sum)
	}
	return nil
}
